package dev.flywheel.flink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flywheel.flink.internal.TopologyOperator;
import dev.flywheel.flink.sink.ParquetTables;
import dev.flywheel.flink.sink.PostgresTables;
import dev.flywheel.log.LogEntry;
import dev.flywheel.log.LogReader;
import dev.flywheel.quality.Alert;
import dev.flywheel.store.duckdb.ParquetArchive;
import dev.flywheel.store.postgres.PostgresAlertLog;
import dev.flywheel.store.postgres.PostgresDatabase;
import dev.flywheel.store.postgres.LocalPostgres;
import dev.flywheel.store.postgres.PostgresSettings;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
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
 * The real sinks through a failure: the job is killed mid-stream (after two completed checkpoints)
 * and restored from its last checkpoint, and the replay emits rows and entries again; PostgreSQL
 * ends with the tables of a run that never failed (the embedded engine's, ordinals included: no
 * row was written twice, none skipped), and the Parquet history with every entry once.
 */
class SinkFailoverTest {
    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

    @TempDir
    Path dir;

    @Test
    void aJobKilledAndRestoredLeavesThePostgresTablesAndTheHistoryOfARunThatNeverFailed() throws Exception {
        List<LogEntry> entries = SeededStream.entries(5, 600);
        ExportedTablesParityTest.Embedded embedded = ExportedTablesParityTest.embedded(dir, SeededStream.CONFIG, entries);
        PostgresSettings pg = LocalPostgres.shared().freshSchema("failover", 2);
        Path history = dir.resolve("history");

        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(1);
        JobSettings settings = JobSettings.of(SeededStream.CONFIG).withCheckpointInterval(Duration.ofMillis(200));
        FlinkJob.configure(env, settings);
        Configuration restart = new Configuration();
        restart.set(RestartStrategyOptions.RESTART_STRATEGY, "fixed-delay");
        restart.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_ATTEMPTS, 1);
        restart.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_DELAY, Duration.ofMillis(100));
        env.configure(restart);
        FlinkFailoverTest.FAILED.set(false);
        JobOutputs out = FlinkJob.wire(StreamSource.of(env, 5, 600, 17, 1_000), settings, true);
        int outcomes = embedded.tables().get("outcomes").size();
        out.outcomes().map(new FlinkFailoverTest.FailOnce(outcomes / 2)).returns(FlywheelTypes.OUTCOME).sinkTo(new Collect<>("sinks-after"));
        out.commitTo("postgres", new PostgresTables(pg));
        out.commitTo("parquet", new ParquetTables(history));
        out.applied().sinkTo(new Collect<>("sinks-applied"));
        JobExecutionResult result = env.execute("sink-failover");

        assertTrue(FlinkFailoverTest.FAILED.get(), "the job failed once");
        long restored = result.getAccumulatorResult(TopologyOperator.RESTORED_SEQ);
        assertTrue(restored > 0 && restored < entries.size() - 1, "restored a checkpoint taken before the failure: seq " + restored);
        List<LogEntry> applied = Collect.seen("sinks-applied");
        assertTrue(applied.size() > entries.size(), "the replay applied entries again: " + applied.size() + " for " + entries.size());

        Map<String, List<List<String>>> job;
        List<Alert> alerts;
        try (PostgresDatabase db = PostgresDatabase.open(pg); Connection c = db.connect()) {
            job = ExportedTables.export(c, ExportedTables.Dialect.POSTGRES);
            alerts = new PostgresAlertLog(db).after(0, Integer.MAX_VALUE);
        }
        for (String table : embedded.tables().keySet()) assertEquals(embedded.tables().get(table), job.get(table), table);
        assertEquals(embedded.alerts(), alerts, "alerts");
        List<LogEntry> read = new ArrayList<>();
        try (LogReader r = new ParquetArchive(history).reader(0, Long.MAX_VALUE)) {
            while (r.poll(1_000, read::add) > 0) {
                // drain
            }
        }
        assertEquals(entries, read, "the history: every entry once");
    }
}
