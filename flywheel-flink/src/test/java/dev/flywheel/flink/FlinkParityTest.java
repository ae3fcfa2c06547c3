package dev.flywheel.flink;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flywheel.log.LogEntry;
import dev.flywheel.state.Checkpoint;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The same seeded stream through the embedded runner and through the Flink job (which receives it
 * with repeats, as several producers deliver it) gives the same outcomes, unjoined feedback, served
 * features and alerts, row for row in the same order, and the same state in every operator, byte
 * for byte: the join's windows, the features' decayed counts, the learners, the monitors' window
 * counts, the suite's windows and the alert board.
 */
class FlinkParityTest {
    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());
    /** The wall time the collaborative models' latest training took ends their state: two runs measure it apart. */
    private static final int COLLABORATIVE_WALL_TIME_BYTES = 12;

    @TempDir
    Path dir;

    @Test
    void theJobEndsWhereTheEmbeddedRunnerEndsRowForRowAndByteForByte() throws Exception {
        List<LogEntry> entries = SeededStream.entries(11, 900);
        EmbeddedReference.Result embedded = EmbeddedReference.run(dir, SeededStream.CONFIG, entries);
        assertTrue(embedded.outcomes().size() > 3_000, "outcomes: " + embedded.outcomes().size());
        assertTrue(embedded.alerts().stream().anyMatch(a -> a.monitor().equals("bots")), "the monitors name the bots: " + embedded.alerts());
        assertTrue(embedded.alerts().stream().map(a -> a.monitor()).distinct().count() >= 2, "monitor and suite alerts: " + embedded.alerts());
        assertTrue(StreamSource.delivered(11, 900, 13).size() > entries.size() + 300, "the job receives repeats");

        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(1);
        JobSettings settings = JobSettings.of(SeededStream.CONFIG);
        FlinkJob.configure(env, settings.withCheckpointInterval(java.time.Duration.ofMillis(300)));
        JobOutputs out = FlinkJob.wire(StreamSource.of(env, 11, 900, 13, 0), settings, true);
        MemoryTables tables = new MemoryTables("parity");
        out.commitTo(tables);
        out.finalState().sinkTo(new Collect<>("parity-final"));
        env.execute("parity");

        assertEquals(embedded.outcomes(), tables.outcomes().rows(), "outcomes");
        assertEquals(embedded.unjoined(), tables.unjoined().rows(), "unjoined feedback");
        assertEquals(embedded.served(), tables.servedFeatures().rows(), "served features");
        assertEquals(embedded.alerts(), tables.alerts().rows(), "alerts");
        List<Checkpoint> finals = Collect.seen("parity-final");
        assertEquals(1, finals.size(), "one final state");
        assertSameState(embedded.state(), finals.get(0));
    }

    static void assertSameState(Checkpoint expected, Checkpoint actual) {
        assertEquals(expected.seq(), actual.seq(), "the job numbered the entries as the log did");
        assertEquals(expected.states().keySet(), actual.states().keySet());
        assertTrue(expected.states().keySet().containsAll(Set.of("join", "features:feed", "ranker:feed", "collaborative:feed",
                "monitors:feed", "alerts")), expected.states().keySet().toString());
        expected.states().forEach((op, bytes) -> {
            byte[] got = actual.states().get(op);
            if (op.startsWith("collaborative:")) {
                bytes = Arrays.copyOf(bytes, bytes.length - COLLABORATIVE_WALL_TIME_BYTES);
                got = Arrays.copyOf(got, got.length - COLLABORATIVE_WALL_TIME_BYTES);
            }
            assertArrayEquals(bytes, got, op);
        });
    }
}
