package dev.flywheel.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.flywheel.auth.Scope;
import dev.flywheel.model.Candidate;
import dev.flywheel.model.OnlineVersion;
import dev.flywheel.model.TrainingRow;
import dev.flywheel.sim.SimClock;
import dev.flywheel.sim.client.FlywheelClient;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Versions retrained from a snapshot that keep learning online, on a running engine and across a restart. */
class OnlineVersionsTest {
    private static final Instant T0 = Instant.parse("2026-06-01T00:00:00Z");
    private static final List<String> ITEMS = List.of("p0", "p1", "p2", "p3", "p4", "p5");
    @TempDir
    Path dir;

    /** 200 decisions over 50 users from {@code start}, every other first item clicked, every tenth bought; every window closed. */
    private static void traffic(RunningEngine e, SimClock clock, Instant start) {
        FlywheelClient ingest = e.client(Scope.INGEST);
        for (int i = 0; i < 200; i++) {
            clock.advanceTo(start.plusSeconds(10L * (i + 1)));
            String user = "u" + (i % 50);
            JsonNode d = e.client(Scope.DECIDE).post("/v1/loops/shop/decide", Map.of("user", user, "k", 3)).body();
            String id = d.get("decision").asText();
            String item = d.at("/items/0/item").asText();
            List<Map<String, Object>> events = new ArrayList<>();
            if (i % 2 == 0) events.add(RetrainingTest.event("c" + start + i, "click", clock.instant().plusSeconds(2), user, id, item, null));
            if (i % 10 == 0) events.add(RetrainingTest.event("b" + start + i, "purchase", clock.instant().plusSeconds(4), user, id, item, 12.5));
            if (!events.isEmpty()) assertTrue(ingest.post("/v1/events", Map.of("events", events)).ok());
        }
        // an event an hour on closes every window; a decision would leave its own open for a restart to close
        clock.advanceTo(clock.instant().plusSeconds(3600));
        Map<String, Object> end = Map.of("id", "end" + start, "type", "click", "timestamp", clock.instant().toString(),
                "user", "nobody", "loop", "shop", "item", "p0");
        assertTrue(ingest.post("/v1/events", Map.of("events", List.of(end))).ok());
        assertTrue(e.engine.awaitStream(20_000));
        assertTrue(e.engine.materializer().awaitSeq(e.engine.storageLog().nextSeq() - 1, 20_000));
    }

    private static void items(RunningEngine e) {
        List<Map<String, Object>> items = new ArrayList<>();
        for (int i = 0; i < 12; i++) items.add(Map.of("id", "p" + i, "title", "product " + i, "body", "kind" + (i % 3) + " thing"));
        assertTrue(e.client(Scope.INGEST).post("/v1/items", Map.of("items", items)).ok());
    }

    private static JsonNode train(RunningEngine e, String snapshot, String mode) {
        var r = e.client(Scope.ADMIN).post("/v1/loops/shop/versions", Map.of("snapshot", snapshot, "start", "none", "mode", mode));
        assertEquals(200, r.status(), r.text());
        return r.body();
    }

    private static List<Double> scores(RunningEngine e, String version, Instant at) {
        List<Double> out = new ArrayList<>();
        for (Candidate c : e.engine.lifecycle().version("shop", version).scorer().score("u7", ITEMS, at, false)) out.add(c.score());
        return out;
    }

    /** Waits until the version's published model has learned {@code n} outcomes (the runner publishes after its chunk). */
    private static OnlineVersion published(RunningEngine e, String version, long n) throws InterruptedException {
        OnlineVersion v = e.engine.lifecycle().online("shop", version);
        for (int i = 0; i < 200 && v.trained() < n; i++) Thread.sleep(50);
        assertEquals(n, v.trained(), "outcomes in the published model");
        return v;
    }

    /** The rows of the loop's decisions after {@code after} whose outcomes closed, as a new snapshot holds them. */
    private static List<TrainingRow> rowsAfter(RunningEngine e, long after) {
        String id = e.client(Scope.ADMIN).post("/v1/loops/shop/snapshots", Map.of()).body().get("id").asText();
        return e.engine.snapshots().rows(id).stream().filter(r -> r.seq() > after).toList();
    }

    /**
     * The shop loop of {@link RetrainingTest}; with {@code collaborative} false its ranking inputs replay exactly (the
     * collaborative models train on their own thread in a running engine, so a replay's inputs depend on timing).
     */
    private static Map<String, Object> config(boolean collaborative) {
        return Map.of("autopilot", Map.of("tick", "0s"), "loops", List.of(Map.of("name", "shop", "model", "content-bandit",
                "k", 3, "window", "5m", "reward", Map.of("weights", Map.of("click", 0.1), "value_weights", Map.of("purchase", 1.0)),
                "collaborative", Map.of("enabled", collaborative),
                "rollout", Map.of("canary", 0.2, "holdout", 0.1, "initial", "frozen"))));
    }

    /** Items, 200 decisions, a snapshot of them, and {@code v2} trained from it in {@code mode}; answers v2's record. */
    private static JsonNode firstVersion(RunningEngine e, SimClock clock, String mode) {
        items(e);
        traffic(e, clock, T0);
        String snapshot = e.client(Scope.ADMIN).post("/v1/loops/shop/snapshots", Map.of()).body().get("id").asText();
        return train(e, snapshot, mode);
    }

    @Test
    void anOnlineVersionGoesOnFromItsSnapshotWithExactlyTheLaterOutcomesWhileAFrozenOneStays() throws Exception {
        SimClock clock = new SimClock(T0);
        try (RunningEngine e = new RunningEngine(dir, config(true), clock)) {
            JsonNode online = firstVersion(e, clock, "online");
            String snapshot = online.get("dataset").asText();
            JsonNode frozen = train(e, snapshot, "frozen");
            assertEquals(List.of("v2", "online", "v3", "frozen"), List.of(online.get("version").asText(), online.get("mode").asText(),
                    frozen.get("version").asText(), frozen.get("mode").asText()));
            assertEquals(frozen.get("state").asText(), online.get("state").asText(), "both start from the model the snapshot trains");
            assertTrue(online.get("learns_after").isNumber(), online.toString());
            assertTrue(frozen.get("learns_after").isNull(), frozen.toString());
            long after = online.get("learns_after").asLong();
            byte[] start = e.engine.lifecycle().states().get(online.get("state").asText());
            assertArrayEquals(start, e.engine.lifecycle().online("shop", "v2").model().toBytes());
            assertEquals(scores(e, "v3", clock.instant()), scores(e, "v2", clock.instant()), "the same model on the same inputs");

            traffic(e, clock, clock.instant().plusSeconds(3600));
            List<TrainingRow> later = rowsAfter(e, after);
            assertEquals(600, later.size(), "three served items of each of the 200 later decisions");
            OnlineVersion v2 = published(e, "v2", later.size());
            List<Double> frozenNow = scores(e, "v3", clock.instant());
            assertEquals(e.engine.topology().loop("shop").model().frozen("x", start).scorer().score("u7", ITEMS, clock.instant(), false)
                    .stream().map(Candidate::score).toList(), frozenNow, "the frozen version still serves its snapshot's model");
            assertNotEquals(frozenNow, scores(e, "v2", clock.instant()), "the online version's scores moved with the new outcomes");
            assertFalse(java.util.Arrays.equals(start, v2.model().toBytes()));

            List<TrainingRow> rows = new ArrayList<>(e.engine.snapshots().rows(snapshot));
            rows.addAll(later);
            byte[] expected = e.engine.lifecycle().served("shop").spec().train(rows).state();
            assertArrayEquals(expected, v2.model().toBytes(), "a fresh fit over the snapshot's rows, then exactly the later rows");
        }
    }

    @Test
    void aRestartRebuildsAnOnlineVersionByteForByte() throws Exception {
        SimClock clock = new SimClock(T0);
        long after;
        byte[] beforeRestart;
        long learned;
        try (RunningEngine e = new RunningEngine(dir, config(false), clock)) {
            after = firstVersion(e, clock, "online").get("learns_after").asLong();
            traffic(e, clock, clock.instant().plusSeconds(3600));
            OnlineVersion v2 = published(e, "v2", rowsAfter(e, after).size());
            assertTrue(v2.trained() > 0);
            beforeRestart = v2.model().toBytes();
            learned = v2.trained();
        }
        try (RunningEngine e = new RunningEngine(dir, config(false), clock)) {
            OnlineVersion v2 = e.engine.lifecycle().online("shop", "v2");
            assertEquals(learned, v2.trained(), "the replay handed it the same outcomes");
            assertArrayEquals(beforeRestart, v2.model().toBytes());
            JsonNode record = e.client(Scope.DECIDE).get("/v1/loops/shop/versions/v2").body();
            assertEquals(after, record.get("learns_after").asLong());
            assertEquals("online", record.get("mode").asText());
            byte[] start = e.engine.lifecycle().states().get(record.get("state").asText());
            assertFalse(java.util.Arrays.equals(start, v2.model().toBytes()), "it serves what it learned, not only its start");
        }
    }

    @Test
    void aModeThatIsNeitherFrozenNorOnlineIsRefusedNamingTheField() {
        try (RunningEngine e = new RunningEngine(dir, config(true), new SimClock(T0))) {
            var r = e.client(Scope.ADMIN).post("/v1/loops/shop/versions", Map.of("start", "none", "mode", "sometimes"));
            assertEquals(400, r.status(), r.text());
            assertTrue(r.text().contains("mode"), r.text());
            assertEquals(1, e.client(Scope.DECIDE).get("/v1/loops/shop/versions").body().get("versions").size(), "nothing registered");
        }
    }
}
