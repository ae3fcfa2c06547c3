package dev.flywheel.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.flywheel.auth.Scope;
import dev.flywheel.catalog.Catalog;
import dev.flywheel.config.FlywheelConfig;
import dev.flywheel.feature.FeatureLog;
import dev.flywheel.feature.ServedFeatures;
import dev.flywheel.log.LogConsumer;
import dev.flywheel.log.LogEntry;
import dev.flywheel.log.LogReader;
import dev.flywheel.model.ModelSpec;
import dev.flywheel.sim.SimClock;
import dev.flywheel.sim.client.FlywheelClient;
import dev.flywheel.store.file.FileModelStore;
import dev.flywheel.topology.Topology;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Training snapshots, retraining from them, and time travel to an old decision, on a running engine. */
class RetrainingTest {
    private static final Instant T0 = Instant.parse("2026-06-01T00:00:00Z");
    @TempDir
    Path dir;

    static Map<String, Object> config() {
        return Map.of("autopilot", Map.of("tick", "0s"), "loops", List.of(Map.of("name", "shop", "model", "content-bandit",
                "k", 3, "window", "5m", "reward", Map.of("weights", Map.of("click", 0.1), "value_weights", Map.of("purchase", 1.0)),
                "rollout", Map.of("canary", 0.2, "holdout", 0.1, "initial", "frozen"))));
    }

    /** Items served by the decisions of the last {@link #traffic} (a user's clicked items are not offered again). */
    private int served;

    /** 400 decisions over 50 users; every other decision's first item is clicked, every tenth bought. */
    private List<String> traffic(RunningEngine e, SimClock clock) {
        FlywheelClient ingest = e.client(Scope.INGEST);
        List<Map<String, Object>> items = new ArrayList<>();
        for (int i = 0; i < 12; i++) items.add(Map.of("id", "p" + i, "title", "product " + i, "body", "kind" + (i % 3) + " thing"));
        assertTrue(ingest.post("/v1/items", Map.of("items", items)).ok());
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            clock.advanceTo(T0.plusSeconds(10L * (i + 1)));
            String user = "u" + (i % 50);
            JsonNode d = e.client(Scope.DECIDE).post("/v1/loops/shop/decide", Map.of("user", user, "k", 3)).body();
            String id = d.get("decision").asText();
            ids.add(id);
            served += d.get("items").size();
            String item = d.at("/items/0/item").asText();
            List<Map<String, Object>> events = new ArrayList<>();
            if (i % 2 == 0) events.add(event("c" + i, "click", clock.instant().plusSeconds(2), user, id, item, null));
            if (i % 10 == 0) events.add(event("b" + i, "purchase", clock.instant().plusSeconds(4), user, id, item, 12.5));
            if (!events.isEmpty()) assertTrue(ingest.post("/v1/events", Map.of("events", events)).ok());
        }
        // a decision well past the last window moves event time on, so every earlier window closes
        clock.advanceTo(clock.instant().plusSeconds(3600));
        e.client(Scope.DECIDE).post("/v1/loops/shop/decide", Map.of("user", "late", "k", 3));
        assertTrue(e.engine.awaitStream(20_000));
        assertTrue(e.engine.materializer().awaitSeq(e.engine.storageLog().nextSeq() - 1, 20_000));
        return ids;
    }

    static Map<String, Object> event(String id, String type, Instant at, String user, String decision, String item, Double value) {
        Map<String, Object> m = new java.util.HashMap<>(Map.of("id", id, "type", type, "timestamp", at.toString(), "user", user,
                "decision", decision, "loop", "shop", "item", item));
        if (value != null) m.put("value", value);
        return m;
    }

    @Test
    void aVersionRetrainedFromItsSnapshotIsTheRegisteredModelByteForByteAndTheSnapshotOpensInDuckDb() throws Exception {
        SimClock clock = new SimClock(T0);
        try (RunningEngine e = new RunningEngine(dir, config(), clock)) {
            traffic(e, clock);
            JsonNode snap = e.client(Scope.ADMIN).post("/v1/loops/shop/snapshots", Map.of()).body();
            String id = snap.get("id").asText();
            long rows = snap.get("rows").asLong();
            assertEquals(served, rows, "every served item of the 400 decisions, every window closed: " + snap);
            Path file = Path.of(snap.get("file").asText());
            assertEquals(id, FileModelStore.hash(Files.readAllBytes(file)), "the id is the file's content hash");
            try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement s = c.createStatement();
                 ResultSet r = s.executeQuery("SELECT count(*), count(DISTINCT decision_id), sum(reward), "
                         + "sum(CAST(list_contains(reactions, 'purchase') AS INTEGER)) FROM read_parquet('" + file + "')")) {
                r.next();
                assertEquals(served, r.getLong(1));
                assertEquals(400, r.getLong(2));
                assertEquals(40, r.getLong(4), "one purchase every tenth decision");
                assertEquals(200 * 0.1 + 40 * 12.5, r.getDouble(3), 1e-9, "clicks at 0.1 and purchases at their value");
            }
            JsonNode v = e.client(Scope.ADMIN).post("/v1/loops/shop/versions", Map.of("snapshot", id, "start", "none")).body();
            assertEquals("v2", v.get("version").asText(), v.toString());
            assertEquals(id, v.get("dataset").asText());
            assertEquals("v1", v.get("parent").asText());
            ModelSpec spec = FlywheelConfig.from(config()).loop("shop").orElseThrow().model();
            byte[] again = spec.train(e.engine.snapshots().rows(id)).state();
            assertEquals(v.get("state").asText(), FileModelStore.hash(again));
            assertArrayEquals(e.engine.lifecycle().states().get(v.get("state").asText()), again);
            JsonNode second = e.client(Scope.ADMIN).post("/v1/loops/shop/snapshots", Map.of()).body();
            assertEquals(id, second.get("id").asText(), "the same rows cut again make the same snapshot");
        }
    }

    @Test
    void anOldDecisionShowsTheFeaturesItWasMadeWithAfterLaterEventsChangedThem() throws Exception {
        SimClock clock = new SimClock(T0);
        try (RunningEngine e = new RunningEngine(dir, config(), clock)) {
            List<String> ids = traffic(e, clock);
            String old = ids.get(40);
            JsonNode then = e.client(Scope.DECIDE).get("/v1/decisions/" + old).body();
            assertEquals(3, then.get("items").size(), then.toString());
            assertTrue(then.at("/outcome/closed").asBoolean());
            Map<String, double[]> replayed = replayUpTo(e, old);
            int changed = 0;
            for (JsonNode item : then.get("items")) {
                double[] expected = replayed.get(item.get("item").asText());
                List<String> names = e.engine.lifecycle().served("shop").spec().featureNames();
                for (int i = 0; i < names.size(); i++) {
                    assertEquals(expected[i], item.at("/features/" + names.get(i)).asDouble(), 1e-12, names.get(i));
                }
                JsonNode now = e.client(Scope.DECIDE).post("/v1/loops/shop/decide", Map.of("user", then.get("user").asText(),
                        "candidates", List.of(item.get("item").asText()), "k", 1, "explain", true, "log", false)).body();
                if (now.at("/items/0/features/click_logit").asDouble() != item.at("/features/click_logit").asDouble()) changed++;
            }
            assertNotEquals(0, changed, "360 later decisions must have moved the items' click rates");
        }
    }

    /** The features of {@code decision}'s items, recomputed by replaying the engine's log into a fresh topology. */
    private static Map<String, double[]> replayUpTo(RunningEngine e, String decision) {
        Map<String, double[]> out = new java.util.HashMap<>();
        FeatureLog collect = new FeatureLog() {
            @Override
            public void append(List<ServedFeatures> rows) {
                for (ServedFeatures f : rows) if (f.decision().equals(decision)) out.put(f.item(), f.values());
            }

            @Override
            public List<ServedFeatures> get(String d) {
                return List.of();
            }

            @Override
            public long lastSeq() {
                return -1;
            }
        };
        Topology t = Topology.build(FlywheelConfig.from(config()).loops(), new Catalog(), null, true, collect);
        try (LogReader r = e.engine.storageLog().reader(0)) {
            while (out.isEmpty() && r.poll(1, entry -> apply(t, entry)) > 0) {
                t.operators().forEach(LogConsumer::flush);
            }
        }
        return out;
    }

    private static void apply(Topology t, LogEntry entry) {
        for (LogConsumer op : t.operators()) op.accept(entry);
    }
}
