package dev.flywheel.flink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flywheel.flink.internal.TopologyOperator;
import dev.flywheel.log.LogEntry;
import dev.flywheel.outcome.Outcome;
import dev.flywheel.state.Checkpoint;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.api.common.functions.MapFunction;
import org.apache.flink.api.common.state.CheckpointListener;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The job fails mid-stream, with checkpoints every 200 ms, and Flink restores it from its last
 * checkpoint: the source reads on from where that checkpoint says, the dedupe and the topology from
 * their state. Rows the failed attempt emitted after that checkpoint come again; the tables end
 * with every outcome once, equal to the embedded runner's, and so the other rows and the final state.
 */
class FlinkFailoverTest {
    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());
    static final AtomicBoolean FAILED = new AtomicBoolean();

    @TempDir
    Path dir;

    /**
     * Throws once, at the {@code at}-th outcome the topology emits or the first after {@code checkpoints}
     * (default two) checkpoints taken after an outcome completed: a task manager lost mid-stream, with a checkpoint to restore
     * and rows emitted after it.
     */
    static final class FailOnce implements MapFunction<Outcome, Outcome>, CheckpointListener,
            org.apache.flink.streaming.api.checkpoint.CheckpointedFunction {
        private final int at;
        private final int checkpoints;
        /** Checkpoints taken after this map had passed an outcome on: their state holds applied entries. */
        private final java.util.Set<Long> afterOutcomes = new java.util.HashSet<>();
        private int seen;
        private int completed;

        FailOnce(int at) {
            this(at, 2);
        }

        FailOnce(int at, int checkpoints) {
            this.at = at;
            this.checkpoints = checkpoints;
        }

        @Override
        public Outcome map(Outcome o) throws InterruptedException {
            if (++seen >= at && completed >= checkpoints && FAILED.compareAndSet(false, true)) {
                throw new IllegalStateException("killed at outcome " + seen);
            }
            // KafkaFailoverTest once read its whole topic before two checkpoints completed and never
            // failed: until they have, each outcome waits a little (barriers pass between records)
            if (completed < checkpoints && !FAILED.get()) Thread.sleep(2);
            return o;
        }

        @Override
        public void snapshotState(org.apache.flink.runtime.state.FunctionSnapshotContext context) {
            if (seen > 0) afterOutcomes.add(context.getCheckpointId());
        }

        @Override
        public void initializeState(org.apache.flink.runtime.state.FunctionInitializationContext context) {
            // nothing kept: a restored job does not fail again (FAILED)
        }

        @Override
        public void notifyCheckpointComplete(long checkpointId) {
            // only checkpoints taken after an outcome: KafkaFailoverTest's job once completed two before the
            // topology had applied anything, failed before the next, and restored an empty state
            if (afterOutcomes.remove(checkpointId)) completed++;
        }
    }

    @Test
    void aJobKilledMidStreamAndRestoredFromItsLastCheckpointCommitsEveryOutcomeOnce() throws Exception {
        List<LogEntry> entries = SeededStream.entries(5, 600);
        EmbeddedReference.Result embedded = EmbeddedReference.run(dir, SeededStream.CONFIG, entries);

        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(1);
        // new bases rarely, and four checkpoints before the failure: the one restored is a base and several change sets
        JobSettings settings = JobSettings.of(SeededStream.CONFIG).withCheckpointInterval(Duration.ofMillis(200)).withCheckpointRebase(50);
        FlinkJob.configure(env, settings);
        Configuration restart = new Configuration();
        restart.set(RestartStrategyOptions.RESTART_STRATEGY, "fixed-delay");
        restart.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_ATTEMPTS, 1);
        restart.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_DELAY, Duration.ofMillis(100));
        env.configure(restart);
        FAILED.set(false);
        JobOutputs out = FlinkJob.wire(StreamSource.of(env, 5, 600, 17, 1_000), settings, true); // slower: four checkpoints before the failure
        out.outcomes().map(new FailOnce(embedded.outcomes().size() / 2, 4)).returns(FlywheelTypes.OUTCOME).sinkTo(new Collect<>("failover-after"));
        MemoryTables tables = new MemoryTables("failover");
        out.commitTo(tables);
        out.outcomes().sinkTo(new Collect<>("failover-emitted"));
        out.finalState().sinkTo(new Collect<>("failover-final"));
        JobExecutionResult result = env.execute("failover");

        assertTrue(FAILED.get(), "the job failed once");
        long restored = result.getAccumulatorResult(TopologyOperator.RESTORED_SEQ);
        assertTrue(restored > 0 && restored < embedded.state().seq(), "restored a checkpoint taken before the failure: seq " + restored);
        long changeSets = result.getAccumulatorResult(TopologyOperator.RESTORED_CHANGE_SETS);
        assertTrue(changeSets >= 2, "restored a base and more than one change set: " + changeSets);
        List<Outcome> emitted = Collect.seen("failover-emitted");
        long distinct = emitted.stream().map(RowIdentity::of).distinct().count();
        assertTrue(emitted.size() > distinct, "the replay emitted again what the failed attempt had: " + emitted.size() + " for " + distinct);

        List<Outcome> committed = tables.outcomes().rows();
        assertEquals(embedded.outcomes().size(), committed.size(), "every outcome once");
        assertEquals(new HashSet<>(embedded.outcomes()), new HashSet<>(committed), "the outcomes of a run that never failed");
        assertEquals(new HashSet<>(embedded.unjoined()), new HashSet<>(tables.unjoined().rows()), "unjoined feedback");
        assertEquals(new HashSet<>(embedded.served()), new HashSet<>(tables.servedFeatures().rows()), "served features");
        assertEquals(embedded.alerts(), tables.alerts().rows(), "alerts, by id");
        List<Checkpoint> finals = Collect.seen("failover-final");
        assertEquals(1, finals.size(), "one final state");
        FlinkParityTest.assertSameState(embedded.state(), finals.get(0));
    }
}
