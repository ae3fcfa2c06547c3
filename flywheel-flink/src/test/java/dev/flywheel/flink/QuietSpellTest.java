package dev.flywheel.flink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.flywheel.log.LogEntry;
import dev.flywheel.state.Checkpoint;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.connector.source.lib.NumberSequenceSource.NumberSequenceSplit;
import org.apache.flink.api.connector.source.util.ratelimit.RateLimiter;
import org.apache.flink.api.connector.source.util.ratelimit.RateLimiterStrategy;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The input goes quiet mid-stream: the job tells the operators it is idle (open windows close), at
 * the checkpoint after the quiet spell, and ends where the embedded runner ends when its log is
 * quiet at the same entry, which differs from where it ends without the pause.
 */
class QuietSpellTest {
    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());
    private static final int QUIET_AFTER = 2_000;
    /**
     * Quiet is judged on the wall clock, so a stall of the source or the task under a loaded machine
     * that outlasts {@code quiet} is a quiet spell too, at another entry than the reference's: with
     * 300 ms it happened at load 12 (QuietSpellTest failed on d444's reactions). 1.5 s of quiet and an
     * 8 s pause leave room for the stalls a loaded CI machine has.
     */
    private static final long PAUSE_MILLIS = 8_000;

    @TempDir
    Path dir;

    /** Hands out every record at once but pauses for {@code millis} before the one after the first {@code after}. */
    record PauseOnce(int after, long millis) implements RateLimiterStrategy<NumberSequenceSplit> {
        @Override
        public RateLimiter<NumberSequenceSplit> createRateLimiter(int parallelism) {
            return new RateLimiter<>() {
                private long acquired;

                @Override
                public CompletionStage<Void> acquire(int permits) {
                    long before = acquired;
                    acquired += permits;
                    if (before <= after && acquired > after) {
                        return CompletableFuture.runAsync(() -> { }, CompletableFuture.delayedExecutor(millis, TimeUnit.MILLISECONDS));
                    }
                    return CompletableFuture.completedFuture(null);
                }
            };
        }
    }

    @Test
    void aQuietInputClosesTheWindowsWhereTheEmbeddedRunnersQuietLogDoes() throws Exception {
        List<LogEntry> entries = SeededStream.entries(7, 700);
        EmbeddedReference.Result quiet = EmbeddedReference.run(dir, SeededStream.CONFIG, entries, QUIET_AFTER);
        EmbeddedReference.Result straight = EmbeddedReference.run(dir, SeededStream.CONFIG, entries);
        assertNotEquals(straight.unjoined().size(), quiet.unjoined().size(), "the pause changes what joins");

        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(1);
        JobSettings settings = JobSettings.from(SeededStream.CONFIG, java.util.Map.of("checkpoint_interval", "200ms", "quiet", "1500ms",
                "flush_interval", "50ms"));
        FlinkJob.configure(env, settings);
        DataGeneratorSource<LogEntry> source = StreamSource.source(7, 700, Integer.MAX_VALUE, new PauseOnce(QUIET_AFTER, PAUSE_MILLIS));
        JobOutputs out = FlinkJob.wire(env.fromSource(source, WatermarkStrategy.noWatermarks(), "paused"), settings, true);
        MemoryTables tables = new MemoryTables("quiet");
        out.commitTo(tables);
        out.finalState().sinkTo(new Collect<>("quiet-final"));
        env.execute("quiet");

        assertEquals(quiet.outcomes(), tables.outcomes().rows(), "outcomes");
        assertEquals(quiet.unjoined(), tables.unjoined().rows(), "unjoined feedback");
        List<Checkpoint> finals = Collect.seen("quiet-final");
        FlinkParityTest.assertSameState(quiet.state(), finals.get(0));
    }
}
