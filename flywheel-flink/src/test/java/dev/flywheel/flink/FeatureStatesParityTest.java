package dev.flywheel.flink;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flywheel.catalog.Catalog;
import dev.flywheel.config.FlywheelConfig;
import dev.flywheel.feature.FeatureReads;
import dev.flywheel.feature.FeatureSettings;
import dev.flywheel.feature.FeedbackFeatures;
import dev.flywheel.flink.internal.ConfigText;
import dev.flywheel.log.LogConsumer;
import dev.flywheel.log.LogEntry;
import dev.flywheel.store.postgres.PostgresFeatureStates;
import dev.flywheel.store.postgres.PostgresServingState;
import dev.flywheel.store.postgres.LocalPostgres;
import dev.flywheel.store.postgres.PostgresSettings;
import dev.flywheel.topology.ServingState;
import dev.flywheel.topology.Topology;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The seeded stream (with repeats) through the Flink job, whose serving state sink writes to a real
 * PostgreSQL, and through the embedded topology: every user's and every item's feature values read
 * from PostgreSQL (through {@link FeatureReads}) equal the embedded features' own, bit for bit; the
 * learner state read back ({@link PostgresServingState}) is the embedded learner's byte for byte at
 * the same position, and so are the collaborative models and each user's latest interactions; every
 * user's consumed items and the catalog's entries are the log's.
 */
class FeatureStatesParityTest {
    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

    @Test
    void theServingStateReadFromPostgresEqualsTheEmbeddedTopologys() throws Exception {
        List<LogEntry> entries = SeededStream.entries(11, 900);
        Topology embedded = embedded(entries);
        PostgresSettings pg = LocalPostgres.shared().freshSchema("f", 2);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(1);
        JobSettings settings = JobSettings.from(SeededStream.CONFIG, Map.of("feature_flush", "50ms"));
        FlinkJob.configure(env, settings.withCheckpointInterval(Duration.ofMillis(300)));
        JobOutputs out = FlinkJob.wire(StreamSource.of(env, 11, 900, 13, 0), settings, true);
        ServingStateSink.attach(out, opener(pg));
        env.execute("feature-states-parity");

        assertSameValues(embedded, entries, pg);
        assertSameServingState(embedded, entries, pg);
    }

    /**
     * The learner state, the collaborative models, each user's latest interactions and consumed items,
     * and the catalog entries: as the embedded topology holds them after the stream.
     */
    static void assertSameServingState(Topology embedded, List<LogEntry> entries, PostgresSettings pg) {
        try (PostgresServingState serving = PostgresServingState.open(pg)) {
            ServingState.Published model = serving.model("feed");
            byte[] expected = embedded.loop("feed").model().state().get();
            assertEquals(entries.size() - 1, model.seq(), "the learner state as of the last entry");
            assertTrue(model.afterIdle(), "and the idle at the end of the input");
            assertArrayEquals(expected, model.bytes(), "the learner state, byte for byte");
            assertTrue(expected.length > 100, "a trained ranker: " + expected.length + " bytes");
            TreeSet<String> users = new TreeSet<>();
            names(entries, users, new TreeSet<>());
            Set<String> types = embedded.loop("feed").spec().candidates().consumed();
            int consumers = 0;
            for (String user : users) {
                Map<String, Instant> got = serving.consumed("feed", user);
                assertEquals(consumed(entries, user, types), got, user);
                assertEquals(embedded.loop("feed").consumed().consumedBy(user, Instant.MAX), got.keySet(), user);
                if (!got.isEmpty()) consumers++;
            }
            assertTrue(consumers > 20, consumers + " users consumed something");
            var learner = embedded.loop("feed").model().collaborative();
            assertTrue(learner.trainings() > 0, "the collaborative models trained");
            assertArrayEquals(learner.publish(learner.models()), serving.collaborative("feed").bytes(),
                    "the newest collaborative models, byte for byte");
            int histories = 0;
            for (String user : users) {
                byte[] got = serving.history("feed", user).toBytes();
                assertArrayEquals(learner.history(user).toBytes(), got, user + "'s latest interactions");
                if (serving.history("feed", user).size() > 0) histories++;
            }
            assertTrue(histories > 20, histories + " users interacted");
            List<LogEntry> items = entries.stream().filter(e -> e instanceof LogEntry.ItemEntry).toList();
            assertEquals(items, List.copyOf(serving.items(-1, 100_000)), "the catalog's entries in order, with their seqs");
        }
    }

    /** What {@code user} consumed by the log alone: each item of a consumption type at its earliest time. */
    private static Map<String, Instant> consumed(List<LogEntry> log, String user, Set<String> types) {
        Map<String, Instant> out = new java.util.TreeMap<>();
        for (LogEntry e : log) {
            if (e instanceof LogEntry.EventEntry x && x.event().user().equals(user) && x.event().item() != null
                    && types.contains(x.event().type()) && (x.event().loop() == null || x.event().loop().equals("feed"))) {
                out.merge(x.event().item(), x.event().timestamp(), (a, b) -> a.isBefore(b) ? a : b);
            }
        }
        return out;
    }

    /** The embedded topology after {@code entries}, caught up and idle (as at an engine's start). */
    static Topology embedded(List<LogEntry> entries) {
        FlywheelConfig config = ConfigText.parse(SeededStream.CONFIG);
        Topology embedded = Topology.build(config.loops(), new Catalog(), null, true, null, config.expectations());
        for (LogEntry e : entries) {
            for (LogConsumer op : embedded.operators()) op.accept(e);
        }
        embedded.idle();
        return embedded;
    }

    /**
     * Every user's values of every item (and one never seen), read from PostgreSQL through the cache
     * and from the embedded features, now and ten minutes before the newest update.
     */
    static void assertSameValues(Topology embedded, List<LogEntry> entries, PostgresSettings pg) {
        FeatureSettings fs = embedded.loop("feed").spec().model().features();
        Catalog catalog = embedded.catalog();
        Function<String, Map<String, Double>> vectors = item -> catalog.get(item).map(x -> x.vector().asMap()).orElse(Map.of());
        FeedbackFeatures mine = embedded.loop("feed").features();
        try (PostgresFeatureStates store = PostgresFeatureStates.open(pg)) {
            // as a server reads: through the cache (whose entries outlive the test: it reads each key once)
            var cached = new dev.flywheel.feature.CachedFeatureStates(store.source("feed", fs.halfLife()),
                    new dev.flywheel.feature.FeatureCacheSettings(Duration.ofHours(1), 100_000), java.time.Clock.systemUTC());
            FeatureReads fromPostgres = new FeatureReads(fs, vectors, cached);
            TreeSet<String> users = new TreeSet<>();
            TreeSet<String> items = new TreeSet<>();
            names(entries, users, items);
            assertTrue(users.size() > 40 && items.size() > 30, users.size() + " users, " + items.size() + " items");
            List<String> itemList = new ArrayList<>(items);
            itemList.add("never-seen");
            Instant newest = store.source("feed", fs.halfLife()).global().newest();
            for (Instant at : new Instant[] {newest.plus(Duration.ofDays(1)), newest.minus(Duration.ofMinutes(10))}) {
                for (String user : users) {
                    assertEquals(values(mine::read, user, at, itemList), values(fromPostgres::read, user, at, itemList), user + " at " + at);
                }
            }
        }
    }

    /** What a writer opens where it runs (settings are not serializable; their parts are). */
    static ServingStateSink.Opener opener(PostgresSettings pg) {
        String url = pg.url();
        String schema = pg.schema();
        return () -> PostgresFeatureStates.open(new PostgresSettings(url, schema, 2));
    }

    private static void names(List<LogEntry> entries, TreeSet<String> users, TreeSet<String> items) {
        for (LogEntry e : entries) {
            if (e instanceof LogEntry.EventEntry x) {
                users.add(x.event().user());
                if (x.event().item() != null) items.add(x.event().item());
            } else if (e instanceof LogEntry.DecisionEntry d) {
                users.add(d.decision().user());
                d.decision().items().forEach(s -> items.add(s.item()));
            } else if (e instanceof LogEntry.ItemEntry i) {
                items.add(i.item().id());
            }
        }
    }

    private interface Read {
        void read(String user, Instant at, List<String> items, FeedbackFeatures.ItemValues sink);
    }

    private static List<Map<String, Double>> values(Read r, String user, Instant at, List<String> items) {
        List<Map<String, Double>> out = new ArrayList<>();
        r.read(user, at, items, (i, item, v) -> out.add(new LinkedHashMap<>(v)));
        return out;
    }
}
