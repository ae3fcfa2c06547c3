package dev.flywheel.cli.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.flywheel.catalog.Catalog;
import dev.flywheel.config.ConfigTree;
import dev.flywheel.config.FlywheelConfig;
import dev.flywheel.feature.FeatureStateSource;
import dev.flywheel.kafka.KafkaSettings;
import dev.flywheel.kafka.LocalKafka;
import dev.flywheel.log.LogConsumer;
import dev.flywheel.log.LogEntry;
import dev.flywheel.model.InteractionHistory;
import dev.flywheel.loop.Choice;
import dev.flywheel.loop.DecideRequest;
import dev.flywheel.loop.LoopSpec;
import dev.flywheel.model.VersionRecord;
import dev.flywheel.quality.Alert;
import dev.flywheel.quality.AlertBoard;
import dev.flywheel.rollout.AuditRecord;
import dev.flywheel.sim.client.FlywheelClient;
import dev.flywheel.server.internal.AlertsResource;
import dev.flywheel.store.postgres.LocalPostgres;
import dev.flywheel.store.postgres.PostgresAlertLog;
import dev.flywheel.store.postgres.PostgresDatabase;
import dev.flywheel.store.postgres.PostgresSettings;
import dev.flywheel.topology.LoopHistory;
import dev.flywheel.topology.Topology;
import dev.flywheel.topology.TopologyServingState;
import dev.flywheel.topology.TopologyTestDriver;
import dev.flywheel.topology.ServingState;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two servers of the distributed shape over a real broker ({@link LocalKafka}) and a real embedded
 * PostgreSQL, reading a {@link ServingState} this test controls in place of the Flink job's: a
 * topology fed a seeded history, published as {@link TopologyServingState} publishes it, with the
 * applied offsets set by the test. They decide as the topology's own policy does, assign every user
 * to the same arm once a canary is started through one of them, and a decide waits until the
 * offsets this server acknowledged are applied.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ServingEngineTest {
    private static final String ADMIN = "serving-admin-secret-0123456789";
    private static final Map<String, Object> LOOP = Map.of("name", "feed", "k", 3,
            "reward", Map.of("weights", Map.of("like", 1.0, "click", 0.1, "dislike", -1.0)),
            "collaborative", Map.of("enabled", false),
            "exploration", Map.of("strategy", "epsilon-greedy", "epsilon", 0.3),
            "candidates", Map.of("consumed", List.of("like", "dislike")),
            "rollout", Map.of("salt", "s-1", "canary", 0.3));
    @TempDir
    static Path dir;
    private static LocalKafka kafka;
    private static LocalPostgres postgres;
    private static Topology job;
    private static Controlled state;
    private static ServingEngine a;
    private static ServingEngine b;
    private static FlywheelClient clientA;
    private static FlywheelClient clientB;
    private static Instant now;

    /** The published state, with the applied offsets as the test sets them. */
    private static final class Controlled implements ServingState {
        private final TopologyServingState published;
        volatile Map<Integer, Long> applied = Map.of();
        /** Items the test publishes beside the topology's, as the job publishes an item posted through a server. */
        volatile List<LogEntry.ItemEntry> posted = List.of();

        Controlled(TopologyServingState published) {
            this.published = published;
        }

        @Override
        public FeatureStateSource features(String loop, Duration halfLife) {
            return published.features(loop, halfLife);
        }

        @Override
        public Published model(String loop) {
            return published.model(loop);
        }

        @Override
        public Published collaborative(String loop) {
            return published.collaborative(loop);
        }

        @Override
        public Published status(String loop) {
            return published.status(loop);
        }

        @Override
        public InteractionHistory history(String loop, String user) {
            return published.history(loop, user);
        }

        @Override
        public Map<String, Instant> consumed(String loop, String user) {
            return published.consumed(loop, user);
        }

        @Override
        public List<LogEntry.ItemEntry> items(long afterSeq, int limit) {
            List<LogEntry.ItemEntry> out = new java.util.ArrayList<>(published.items(afterSeq, limit));
            for (LogEntry.ItemEntry i : posted) if (i.seq() > afterSeq && out.size() < limit) out.add(i);
            return out;
        }

        @Override
        public Map<Integer, Long> applied() {
            return applied;
        }
    }

    @BeforeAll
    static void start() throws Exception {
        kafka = LocalKafka.start(dir.resolve("kafka"));
        postgres = LocalPostgres.start(dir.resolve("postgres"));
        job = Topology.build(List.of(LoopSpec.from(new ConfigTree("loops[0]", LOOP))), new Catalog(), null, true);
        TopologyServingState published = new TopologyServingState(job);
        List<LogEntry> log = TopologyTestDriver.entries(LoopHistory.of(3, 500));
        for (LogEntry e : log) {
            for (LogConsumer op : job.operators()) op.accept(e);
            published.accept(e);
        }
        job.operators().forEach(LogConsumer::flush);
        now = log.get(log.size() - 1).timestamp().plusSeconds(60);
        state = new Controlled(published);
        a = open();
        b = open();
        int portA = a.start();
        int portB = b.start();
        clientA = new FlywheelClient(URI.create("http://127.0.0.1:" + portA), ADMIN);
        clientB = new FlywheelClient(URI.create("http://127.0.0.1:" + portB), ADMIN);
    }

    private static ServingEngine open() {
        FlywheelConfig config = FlywheelConfig.from(Map.of("loops", List.of(LOOP),
                "server", Map.of("decide_max_lag", 0, "decide_wait", "1500ms"))).withPort(0);
        DistributedSettings settings = new DistributedSettings(KafkaSettings.of(kafka.bootstrap()).withTopicPrefix("serve"),
                postgresSettings());
        return ServingEngine.open(config, settings, null, Clock.fixed(now, java.time.ZoneOffset.UTC), ADMIN, db -> state);
    }

    private static PostgresSettings postgresSettings() {
        return postgres.settings("serving").withPoolSize(4);
    }

    @AfterAll
    static void stop() throws Exception {
        if (a != null) a.close();
        if (b != null) b.close();
        if (job != null) job.close();
        if (postgres != null) postgres.close();
        if (kafka != null) kafka.close();
    }

    @Test
    @Order(1)
    void bothServersDecideAsTheJobsOwnPolicyFromThePublishedState() {
        assertEquals(job.catalog().size(), a.catalog().size(), "the catalog comes from the published items");
        for (int u = 0; u < 12; u++) {
            DecideRequest req = new DecideRequest("feed", "u" + u, null, null, 3, false, false);
            Choice want = job.policies().get("feed").decide(req, now);
            for (FlywheelClient c : List.of(clientA, clientB)) {
                JsonNode got = decide(c, "u" + u);
                assertEquals(want.arm(), got.get("arm").asText());
                assertEquals(want.slate().slots().size(), got.get("items").size());
                for (int i = 0; i < want.slate().slots().size(); i++) {
                    var slot = want.slate().slots().get(i);
                    JsonNode item = got.get("items").get(i);
                    assertEquals(slot.item(), item.get("item").asText(), "user u" + u + " slot " + i);
                    assertEquals(slot.score(), item.get("score").asDouble(), 0.0);
                    assertEquals(slot.propensity(), item.get("propensity").asDouble(), 0.0);
                }
            }
        }
    }

    @Test
    @Order(1)
    void whatAServerDoesNotKeepIsAnsweredWith501() {
        var r = clientA.get("/v1/decisions/d-1");
        assertEquals(501, r.status(), r.text());
        assertTrue(r.text().contains("decision history is not kept by this server"), r.text());
        assertEquals(501, clientA.post("/v1/loops/feed/snapshots", Map.of()).status());
    }

    @Test
    @Order(1)
    void aServersStatusShowsTheLearnersTheJobPublished() {
        var status = clientB.get("/v1/status");
        assertEquals(200, status.status(), status.text());
        long trained = job.loop("feed").model().ranker().trained();
        assertTrue(trained > 100, "the job's ranker trained: " + trained);
        assertEquals(trained, status.body().at("/loops/feed/outcomes_trained").asLong(), status.text());
        assertEquals(0, status.body().at("/loops/feed/collaborative/interactions").asLong(), "collaborative models are off");
    }

    @Test
    @Order(2)
    void aCanaryStartedThroughOneServerSplitsUsersAlikeOnBoth() throws Exception {
        var lifecycle = a.lifecycle();
        String stateId = lifecycle.states().put(job.loop("feed").model().state().get());
        VersionRecord v2 = new VersionRecord("feed", "v2", "content-bandit", Map.of(), null, lifecycle.code(), "v1", "test",
                VersionRecord.Mode.FROZEN, now, Map.of(), stateId, null);
        lifecycle.register(v2, "test", "a frozen copy");
        lifecycle.change("feed", AuditRecord.Action.CANARY, "v2", "test", "split", Map.of());
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (!"v2".equals(b.lifecycle().read("feed", l -> l.state().canary())) && System.nanoTime() < deadline) Thread.sleep(50);
        assertEquals("v2", b.lifecycle().read("feed", l -> l.state().canary()), "the other server read the audit log");
        Map<String, Integer> arms = new HashMap<>();
        for (int u = 0; u < 60; u++) {
            String armA = decide(clientA, "p" + u).get("arm").asText();
            String armB = decide(clientB, "p" + u).get("arm").asText();
            assertEquals(armA, armB, "user p" + u);
            arms.merge(armA, 1, Integer::sum);
        }
        assertTrue(arms.getOrDefault("canary", 0) >= 5 && arms.getOrDefault("champion", 0) >= 20, "arms " + arms);
    }

    @Test
    @Order(3)
    void decideWaitsUntilTheOffsetsThisServerAcknowledgedAreAppliedAndSeesTheItemsAppliedWithThem() throws Exception {
        post(clientA, "w-1");
        Map<Integer, Long> acked = a.acknowledged().highest();
        assertFalse(acked.isEmpty());
        long last = job.catalog().knownCount() + 1_000_000L;
        var fresh = new LogEntry.ItemEntry(last, 0, new dev.flywheel.catalog.Item("fresh-1", "fresh", null, List.of("t1"), null, now));
        Thread applier = new Thread(() -> {
            try {
                Thread.sleep(400);
            } catch (InterruptedException e) {
                return;
            }
            // the job applied the item and the offsets together: published in one transaction
            state.posted = List.of(fresh);
            state.applied = acked;
        });
        long t0 = System.nanoTime();
        applier.start();
        JsonNode answered = decide(clientA, "w1");
        long took = (System.nanoTime() - t0) / 1_000_000;
        // the decide that waited for the offsets polled the catalog: not up to a poll period (500 ms) later
        assertTrue(a.loops().catalog().get("fresh-1").isPresent(), "the item applied with the offsets is in the catalog");
        applier.join();
        assertTrue(took >= 350, "answered after " + took + " ms, before the offsets were applied");
        assertFalse(answered.has("stream_lag"), answered.toString());
        // acknowledged and never applied: the wait ends at decide_wait and the answer says how far behind
        post(clientA, "w-2");
        t0 = System.nanoTime();
        JsonNode behind = decide(clientA, "w1");
        took = (System.nanoTime() - t0) / 1_000_000;
        assertTrue(took >= 1400, "waited " + took + " ms");
        assertEquals(1, behind.get("stream_lag").asLong(), behind.toString());
        // the other server acknowledged nothing: it does not wait for what this one appended
        t0 = System.nanoTime();
        assertEquals(0, b.nextSeq(), "the other server appended nothing");
        JsonNode other = decide(clientB, "w1");
        assertFalse(other.has("stream_lag"), other.toString() + " B next " + b.nextSeq() + " A next " + a.nextSeq());
        assertTrue((System.nanoTime() - t0) / 1_000_000 < 1000);
    }

    @Test
    @Order(4)
    void alertsTheJobWroteAreListedWithinThePollBoundAsTheEmbeddedEngineListsThem() throws Exception {
        state.applied = a.acknowledged().highest(); // what A acknowledged is applied: /v1/alerts waits for it otherwise
        Instant t = now.minusSeconds(7_200);
        List<Alert> written = List.of(
                new Alert(1, "feed", "drift", t, t.plusSeconds(3_600), "like_rate_change", -0.4, -0.25, "0.30 -> 0.18", null, null, 40),
                new Alert(2, "feed", "bots", t.plusSeconds(3_600), t.plusSeconds(7_200), "robust_z", 9.5, 6.0, "u7: 120 likes",
                        List.of("u7", "u9"), null, 80),
                new Alert(3, "other", "clickbait", t, t.plusSeconds(3_000), "like_per_click", Double.POSITIVE_INFINITY, 0.2, "",
                        null, List.of("i3"), 90));
        // the embedded engine's answer: the same alerts raised on its board, written by the same resource
        AlertBoard embedded = new AlertBoard();
        written.forEach(w -> embedded.raise(w));
        try (PostgresDatabase db = PostgresDatabase.open(postgresSettings())) {
            PostgresAlertLog log = new PostgresAlertLog(db);
            long t0 = System.nanoTime();
            log.append(written);
            for (FlywheelClient c : List.of(clientB, clientA)) {
                assertEquals(rendered(embedded.list(null, null, 0)), awaitAlerts(c, "", 3));
            }
            long took = (System.nanoTime() - t0) / 1_000_000;
            assertTrue(took < ServingEngine.ALERT_POLL.toMillis() + 2_000, "listed after " + took + " ms");
            JsonNode bots = clientB.get("/v1/alerts?after=1").body().get("alerts").get(0);
            assertEquals(List.of("u7", "u9"), List.of(bots.get("users").get(0).asText(), bots.get("users").get(1).asText()));
            assertEquals(t.plusSeconds(7_200).toString(), bots.get("window").get("end").asText());
            assertEquals(80, bots.get("seq").asLong());
            assertTrue(clientB.get("/v1/alerts?after=2").body().get("alerts").get(0).get("value").isNull(), "infinity as null");
            assertEquals(List.of(1L, 2L), ids(clientB, "?loop=feed"));
            assertEquals(List.of(2L), ids(clientB, "?since=" + t.plusSeconds(3_600)));
            assertEquals(List.of(3L), ids(clientB, "?after=2"));
            assertEquals(1.0, gauge(clientB.get("/metrics").text(), "feed", "bots"), 0.0);
            assertEquals(0.0, gauge(clientB.get("/metrics").text(), "feed", "clickbait"), 0.0);
            // the job sends an epoch again after a restore, then raises a new alert: kept once, the new one follows
            Alert fourth = new Alert(4, "feed", "drift", t.plusSeconds(3_600), t.plusSeconds(7_200), "like_rate_change", -0.5,
                    -0.25, "", null, null, 120);
            log.append(List.of(written.get(2), fourth));
            embedded.raise(fourth);
            assertEquals(rendered(embedded.list(null, null, 0)), awaitAlerts(clientB, "", 4));
            assertEquals(2.0, gauge(clientB.get("/metrics").text(), "feed", "drift"), 0.0);
        }
    }

    /** As the embedded engine's resource writes them, read back as the client reads an answer. */
    private static JsonNode rendered(List<Alert> alerts) throws Exception {
        var json = new com.fasterxml.jackson.databind.ObjectMapper();
        var out = json.createArrayNode();
        alerts.forEach(al -> AlertsResource.write(out.addObject(), al));
        return json.readTree(json.writeValueAsString(out));
    }

    /** The server's alerts once it lists {@code count} of them (the poll bound and some slack). */
    private static JsonNode awaitAlerts(FlywheelClient c, String query, int count) throws InterruptedException {
        long deadline = System.nanoTime() + 5_000_000_000L;
        JsonNode got;
        do {
            var r = c.get("/v1/alerts" + query);
            assertEquals(200, r.status(), r.text());
            got = r.body().get("alerts");
            if (got.size() >= count) return got;
            Thread.sleep(50);
        } while (System.nanoTime() < deadline);
        return got;
    }

    private static List<Long> ids(FlywheelClient c, String query) {
        var r = c.get("/v1/alerts" + query);
        assertEquals(200, r.status(), r.text());
        List<Long> out = new java.util.ArrayList<>();
        r.body().get("alerts").forEach(al -> out.add(al.get("id").asLong()));
        return out;
    }

    private static double gauge(String metrics, String loop, String monitor) {
        for (String line : metrics.split("\n")) {
            if (line.startsWith("flywheel_quality_alerts{") && line.contains("loop=\"" + loop + "\"")
                    && line.contains("monitor=\"" + monitor + "\"")) {
                return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        throw new AssertionError("no alert gauge for " + loop + "/" + monitor + " in\n" + metrics);
    }

    private static void post(FlywheelClient c, String id) {
        var r = c.post("/v1/events", Map.of("id", id, "type", "click", "timestamp", now.toString(), "user", "w1",
                "loop", "feed", "item", "a1"));
        assertEquals(200, r.status(), r.text());
        assertEquals(1, r.body().get("accepted").asInt(), r.text());
    }

    private static JsonNode decide(FlywheelClient c, String user) {
        var r = c.post("/v1/loops/feed/decide", Map.of("user", user, "k", 3, "log", false));
        assertEquals(200, r.status(), r.text());
        return r.body();
    }
}
