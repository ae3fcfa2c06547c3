package dev.flywheel.flink;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flywheel.flink.internal.TopologyOperator;
import dev.flywheel.log.LogEntry;
import dev.flywheel.store.postgres.LocalPostgres;
import dev.flywheel.store.postgres.PostgresSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The job fails mid-stream after its feature state sink has written past the last checkpoint, and
 * is restored from it: the replay drains states again at positions PostgreSQL already holds (and
 * older ones), which must move no key back. At the end every value read from PostgreSQL equals the
 * embedded features', and the learner state, consumed items and catalog entries the embedded topology's.
 */
class FeatureStatesFailoverTest {
    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

    @TempDir
    Path dir;

    @Test
    void aRestoredJobsFeatureStatesEndEqualToTheEmbeddedFeatures() throws Exception {
        List<LogEntry> entries = SeededStream.entries(5, 600);
        var embedded = FeatureStatesParityTest.embedded(entries);
        int outcomes = EmbeddedReference.run(dir, SeededStream.CONFIG, entries).outcomes().size();
        PostgresSettings pg = LocalPostgres.shared().freshSchema("f", 2);

        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(1);
        JobSettings settings = JobSettings.from(SeededStream.CONFIG, Map.of("checkpoint_interval", "200ms", "feature_flush", "20ms"));
        FlinkJob.configure(env, settings);
        Configuration restart = new Configuration();
        restart.set(RestartStrategyOptions.RESTART_STRATEGY, "fixed-delay");
        restart.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_ATTEMPTS, 1);
        restart.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_DELAY, Duration.ofMillis(100));
        env.configure(restart);
        FlinkFailoverTest.FAILED.set(false);
        JobOutputs out = FlinkJob.wire(StreamSource.of(env, 5, 600, 17, 2_500), settings, true);
        out.outcomes().map(new FlinkFailoverTest.FailOnce(outcomes / 2)).returns(FlywheelTypes.OUTCOME).sinkTo(new Collect<>("fs-failover"));
        ServingStateSink.attach(out, FeatureStatesParityTest.opener(pg));
        JobExecutionResult result = env.execute("feature-states-failover");

        assertTrue(FlinkFailoverTest.FAILED.get(), "the job failed once");
        long restored = result.getAccumulatorResult(TopologyOperator.RESTORED_SEQ);
        assertTrue(restored > 0, "restored a checkpoint taken before the failure: seq " + restored);
        FeatureStatesParityTest.assertSameValues(embedded, entries, pg);
        // the learner state, consumed items and catalog entries too: a replay's entries published once more change nothing
        FeatureStatesParityTest.assertSameServingState(embedded, entries, pg);
    }
}
