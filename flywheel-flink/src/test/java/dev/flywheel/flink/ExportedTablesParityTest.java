package dev.flywheel.flink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flywheel.catalog.Catalog;
import dev.flywheel.config.FlywheelConfig;
import dev.flywheel.flink.internal.ConfigText;
import dev.flywheel.log.LogEntry;
import dev.flywheel.log.LogReader;
import dev.flywheel.outcome.OutcomeSink;
import dev.flywheel.quality.Alert;
import dev.flywheel.store.duckdb.DuckDbFeatureLog;
import dev.flywheel.store.duckdb.DuckDbOutcomeStore;
import dev.flywheel.store.duckdb.DuckDbRecordStore;
import dev.flywheel.store.duckdb.DuckDbUnjoinedStore;
import dev.flywheel.store.duckdb.ParquetArchive;
import dev.flywheel.store.file.SegmentedFileLog;
import dev.flywheel.store.postgres.PostgresAlertLog;
import dev.flywheel.store.postgres.PostgresDatabase;
import dev.flywheel.store.postgres.LocalPostgres;
import dev.flywheel.store.postgres.PostgresSettings;
import dev.flywheel.stream.EmbeddedRunner;
import dev.flywheel.topology.Topology;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 11's parity, on exported tables: the same seeded stream through the embedded shape (file
 * log, runner, DuckDB tables) and through the job as {@code flink run} starts it (its main, the
 * seeded source delivering repeats, the {@code postgres} tables plug-in found by name, embedded
 * PostgreSQL) leaves the same outcomes, unjoined feedback, served feature values, metric aggregates
 * and alerts, table by table, rows sorted by identity; and the {@code parquet} plug-in's history
 * holds the embedded log's entries, each once.
 */
class ExportedTablesParityTest {
    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1).setNumberSlotsPerTaskManager(1).build());
    private static final long SEED = 11;
    private static final int DECISIONS = 900;

    @TempDir
    Path dir;

    @Test
    void theJobsPostgresTablesEqualTheEmbeddedEnginesDuckDbTables() throws Exception {
        Embedded embedded = embedded(dir, SeededStream.CONFIG, SeededStream.entries(SEED, DECISIONS));
        PostgresSettings pg = LocalPostgres.shared().freshSchema("parity", 2);
        Path config = Files.writeString(dir.resolve("flywheel.yaml"), SeededStream.CONFIG);
        Path history = dir.resolve("history");
        JobMain.main(new String[] {"--config", config.toString(), "--source", "seeded", "--tables", "postgres,parquet",
                "--set", "seeded.seed=" + SEED, "--set", "seeded.decisions=" + DECISIONS, "--set", "seeded.per_second=2000", "--set", "parquet.dir=" + history,
                "--set", "postgres.url=" + pg.url(), "--set", "postgres.schema=" + pg.schema(), "--flink", "checkpoint_interval=300ms"});

        Map<String, List<List<String>>> job;
        List<Alert> jobAlerts;
        try (PostgresDatabase db = PostgresDatabase.open(pg); Connection c = db.connect()) {
            job = ExportedTables.export(c, ExportedTables.Dialect.POSTGRES);
            jobAlerts = new PostgresAlertLog(db).after(0, Integer.MAX_VALUE);
        }
        assertTrue(embedded.tables().get("outcomes").size() > 3_000, "outcomes: " + embedded.tables().get("outcomes").size());
        assertTrue(embedded.tables().get("unjoined").size() > 10, "unjoined: " + embedded.tables().get("unjoined").size());
        assertTrue(embedded.tables().get("decision_features").size() > 3_000, "served features");
        assertTrue(embedded.tables().get("metrics").size() >= 2, "metrics per arm: " + embedded.tables().get("metrics"));
        assertTrue(embedded.alerts().stream().map(Alert::monitor).distinct().count() >= 2, "monitor and suite alerts: " + embedded.alerts());
        for (String table : embedded.tables().keySet()) {
            List<List<String>> expected = embedded.tables().get(table);
            List<List<String>> actual = job.get(table);
            assertEquals(expected.size(), actual.size(), table + ": rows");
            for (int i = 0; i < expected.size(); i++) assertEquals(expected.get(i), actual.get(i), table + ": row " + i);
        }
        assertEquals(embedded.alerts(), jobAlerts, "alerts");
        assertHistory(history, embedded.tables().get("decision_features"));
        // the plug-in also keeps the live feature state, read by key as the servers read it
        List<LogEntry> entries = SeededStream.entries(SEED, DECISIONS);
        FeatureStatesParityTest.assertSameValues(FeatureStatesParityTest.embedded(entries), entries, pg);
    }

    /**
     * The history holds every entry the embedded log holds, once, with the same seq and bytes (the
     * archive's reader reads it as it reads the embedded archive), in more than one file (one per
     * checkpoint), and the features served with each decision.
     */
    private static void assertHistory(Path history, List<List<String>> servedFeatures) throws Exception {
        List<LogEntry> read = new ArrayList<>();
        ParquetArchive archive = new ParquetArchive(history);
        try (LogReader r = archive.reader(0, Long.MAX_VALUE)) {
            while (r.poll(1_000, read::add) > 0) {
                // drain
            }
        }
        assertEquals(SeededStream.entries(SEED, DECISIONS), read, "the applied entries, each once, numbered as the log numbers them");
        String files = "read_parquet('" + history + "/*/*/*.parquet', hive_partitioning = false)";
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:")) {
            // the source is paced (seeded.per_second): unpaced, an idle machine ran it all within one checkpoint
            assertTrue(ExportedTables.rows(c, "SELECT DISTINCT filename FROM read_parquet('" + history + "/*/*/*.parquet', filename = true)",
                    false).size() > 2, "a file set per checkpoint");
            assertEquals(servedFeatures, ExportedTables.rows(c, "SELECT f.decision_id, f.position, seq, f.loop, f.item, f.features "
                    + "FROM (SELECT seq, unnest(features) AS f FROM " + files + ")", false), "served features in the history");
        }
    }

    record Embedded(Map<String, List<List<String>>> tables, List<Alert> alerts) { }

    /** The embedded shape: the entries in a file log, the runner over the topology, its rows in a DuckDB store. */
    static Embedded embedded(Path dir, String configText, List<LogEntry> entries) throws Exception {
        FlywheelConfig config = ConfigText.parse(configText);
        try (SegmentedFileLog log = new SegmentedFileLog(dir.resolve("log"), false, 1L << 20)) {
            log.append(entries);
            DuckDbRecordStore store = new DuckDbRecordStore(dir.resolve("flywheel.duckdb"));
            try (store; DuckDbOutcomeStore outcomes = new DuckDbOutcomeStore(store);
                 DuckDbUnjoinedStore unjoined = new DuckDbUnjoinedStore(store); DuckDbFeatureLog features = new DuckDbFeatureLog(store)) {
                Topology t = Topology.build(config.loops(), new Catalog(), new OutcomeSink(outcomes, unjoined), true, features,
                        config.expectations());
                try (t; EmbeddedRunner runner = new EmbeddedRunner(log, t.operators())) {
                    runner.catchUp();
                    runner.idleNow();
                }
                try (Connection c = store.connect()) {
                    return new Embedded(ExportedTables.export(c, ExportedTables.Dialect.DUCKDB), t.alerts().list(null, null, 0));
                }
            }
        }
    }
}
