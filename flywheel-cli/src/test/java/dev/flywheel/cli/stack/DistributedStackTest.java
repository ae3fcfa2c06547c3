package dev.flywheel.cli.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flywheel.catalog.Catalog;
import dev.flywheel.config.FlywheelConfig;
import dev.flywheel.feature.FeatureKey;
import dev.flywheel.feature.FeatureLog;
import dev.flywheel.feature.ServedFeatures;
import dev.flywheel.kafka.KafkaLogWriter;
import dev.flywheel.log.LogEntry;
import dev.flywheel.outcome.Outcome;
import dev.flywheel.outcome.OutcomeSink;
import dev.flywheel.outcome.OutcomeStore;
import dev.flywheel.outcome.Unjoined;
import dev.flywheel.outcome.UnjoinedStore;
import dev.flywheel.store.file.SegmentedFileLog;
import dev.flywheel.store.postgres.PostgresDatabase;
import dev.flywheel.store.postgres.PostgresOutcomeStore;
import dev.flywheel.stream.EmbeddedRunner;
import dev.flywheel.topology.LoopHistory;
import dev.flywheel.topology.Topology;
import dev.flywheel.topology.TopologyTestDriver;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The stack as the distributed demo starts it: entries appended to {@code <p>.log} by the servers'
 * writer reach the job on the MiniCluster, whose outcomes in PostgreSQL equal the embedded runner's
 * over the same entries (one partition: the log's order), whose feature state has a row for every user
 * who reacted, and whose history holds Parquet files; closing stops all three parts (the broker's
 * port and PostgreSQL's are closed after).
 */
class DistributedStackTest {
    private static final Map<String, Object> CONFIG = Map.of("loops", List.of(Map.of("name", "feed",
            "reward", Map.of("weights", Map.of("like", 1.0, "click", 0.1, "dislike", -1.0)))));

    @TempDir
    Path dir;

    @Test
    void entriesSentToKafkaComeOutOfTheJobIntoPostgres() throws Exception {
        List<LogEntry> entries = TopologyTestDriver.entries(LoopHistory.of(3, 150));
        List<Outcome> expected = embeddedOutcomes(entries);
        assertTrue(expected.size() > 300, "outcomes: " + expected.size());
        StackOptions options = StackOptions.defaults().withCheckpointInterval(Duration.ofMillis(300)).withQuiet(Duration.ofSeconds(1));
        String kafka;
        String postgres;
        try (DistributedStack stack = DistributedStack.start(dir.resolve("stack"), CONFIG, options)) {
            kafka = stack.kafka().bootstrap();
            postgres = stack.postgres().url();
            assertEquals("distributed", stack.config().get("mode"));
            try (KafkaLogWriter w = KafkaLogWriter.open(stack.kafka())) {
                w.append(IntStream.range(0, entries.size()).mapToObj(i -> entries.get(i).withSeq(i)).toList());
            }
            try (PostgresDatabase db = PostgresDatabase.open(stack.postgres())) {
                List<Outcome> got = awaitOutcomes(stack, db, expected.size());
                assertEquals(new HashSet<>(expected), new HashSet<>(got), "outcomes");
                assertEquals(reacted(entries), userKeys(db), "a feature state for every user who reacted");
            }
            try (var files = Files.walk(stack.history())) {
                assertTrue(files.anyMatch(p -> p.toString().endsWith(".parquet")), "the history in Parquet");
            }
        }
        assertTrue(Files.exists(dir.resolve("stack/kafka/logs/meta.properties")), "the broker's files stay");
        assertFalse(listening(kafka), "the broker stopped");
        assertThrows(java.sql.SQLException.class, () -> java.sql.DriverManager.getConnection(postgres).close(), "PostgreSQL stopped");
    }

    private static boolean listening(String hostPort) {
        int colon = hostPort.lastIndexOf(':');
        try (java.net.Socket s = new java.net.Socket()) {
            s.connect(new java.net.InetSocketAddress(hostPort.substring(0, colon), Integer.parseInt(hostPort.substring(colon + 1))), 2_000);
            return true;
        } catch (java.io.IOException e) {
            return false;
        }
    }

    /** Polls until the job committed {@code n} outcomes (a checkpoint after the input went quiet), at most a minute. */
    private static List<Outcome> awaitOutcomes(DistributedStack stack, PostgresDatabase db, int n) throws InterruptedException {
        PostgresOutcomeStore store = new PostgresOutcomeStore(db);
        long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
        List<Outcome> got = List.of();
        while (System.nanoTime() < deadline) {
            stack.checkJob();
            if (hasTables(db)) got = store.query("feed", Instant.EPOCH, Instant.parse("2100-01-01T00:00:00Z"), 100_000);
            if (got.size() >= n) return got;
            Thread.sleep(200);
        }
        throw new AssertionError("the job committed " + got.size() + " of " + n + " outcomes within a minute");
    }

    /** The job creates the schema at its first commit. */
    private static boolean hasTables(PostgresDatabase db) {
        try (Connection c = db.connect(); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT count(*) FROM information_schema.tables WHERE table_schema = '" + db.schema()
                     + "' AND table_name = 'outcomes'")) {
            return r.next() && r.getLong(1) > 0;
        } catch (java.sql.SQLException e) {
            return false;
        }
    }

    private static Set<String> userKeys(PostgresDatabase db) throws Exception {
        Set<String> out = new TreeSet<>();
        try (Connection c = db.connect(); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT key FROM feature_states WHERE loop = 'feed' AND kind = " + FeatureKey.Kind.USER.ordinal())) {
            while (r.next()) out.add(r.getString(1));
        }
        return out;
    }

    /** The users with a click, like or dislike: what the features keep a user's state for. */
    private static Set<String> reacted(List<LogEntry> entries) {
        Set<String> out = new TreeSet<>();
        for (LogEntry e : entries) {
            if (e instanceof LogEntry.EventEntry x && Set.of("click", "like", "dislike").contains(x.event().type())) out.add(x.event().user());
        }
        return out;
    }

    /** The embedded shape over the same entries: a file log, the runner, the topology; its outcomes once caught up and idle. */
    private List<Outcome> embeddedOutcomes(List<LogEntry> entries) {
        FlywheelConfig config = FlywheelConfig.from(CONFIG);
        List<Outcome> outcomes = new ArrayList<>();
        try (SegmentedFileLog log = new SegmentedFileLog(dir.resolve("embedded"), false, 1L << 20)) {
            log.append(entries);
            Topology t = Topology.build(config.loops(), new Catalog(), new OutcomeSink(collect(outcomes), new NoUnjoined()), true,
                    new NoFeatureLog(), config.expectations());
            try (t; EmbeddedRunner runner = new EmbeddedRunner(log, t.operators())) {
                runner.catchUp();
                runner.idleNow();
            }
        }
        return outcomes;
    }

    private static OutcomeStore collect(List<Outcome> rows) {
        return new OutcomeStore() {
            @Override
            public void append(List<Outcome> o) {
                rows.addAll(o);
            }

            @Override
            public List<Outcome> query(String loop, Instant from, Instant to, int limit) {
                return List.copyOf(rows);
            }

            @Override
            public void keepFirst(long n) {
                rows.subList((int) n, rows.size()).clear();
            }
        };
    }

    private static final class NoUnjoined implements UnjoinedStore {
        @Override
        public void append(List<Unjoined> u) { }

        @Override
        public Map<Unjoined.Reason, Long> counts() {
            return Map.of();
        }

        @Override
        public List<Unjoined> query(Unjoined.Reason reason, int limit) {
            return List.of();
        }

        @Override
        public void keepFirst(long n) { }
    }

    private static final class NoFeatureLog implements FeatureLog {
        @Override
        public void append(List<ServedFeatures> f) { }

        @Override
        public List<ServedFeatures> get(String decision) {
            return List.of();
        }

        @Override
        public long lastSeq() {
            return -1;
        }
    }
}
