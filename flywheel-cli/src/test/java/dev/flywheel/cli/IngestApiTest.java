package dev.flywheel.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.flywheel.auth.Scope;
import dev.flywheel.sim.client.FlywheelClient;
import dev.flywheel.sim.client.FlywheelClient.Answer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The ingest contract of the HTTP API against a real engine on a random port. */
class IngestApiTest {
    @TempDir
    static Path dir;
    static RunningEngine engine;
    static FlywheelClient ingest;
    static FlywheelClient admin;
    static final AtomicInteger IDS = new AtomicInteger();

    @BeforeAll
    static void start() {
        engine = new RunningEngine(dir, Map.of("server", Map.of("max_body_bytes", 1 << 20),
                "events", Map.of("custom_types", List.of("share"))));
        ingest = engine.client(Scope.INGEST);
        admin = engine.client(Scope.ADMIN);
    }

    @AfterAll
    static void stop() {
        engine.close();
    }

    static Map<String, Object> event(String type) {
        return new java.util.HashMap<>(Map.of("id", "e-" + IDS.incrementAndGet(), "type", type,
                "timestamp", "2026-11-27T10:15:30+01:00", "user", "u1", "item", "a1", "loop", "home-feed"));
    }

    static long status(String field) {
        return admin.get("/v1/status").body().get(field).asLong();
    }

    @Test
    void acceptsOneEventOrABatchAndStoresThem() {
        long before = status("events");
        Answer one = ingest.post("/v1/events", event("click"));
        assertEquals(200, one.status(), one.text());
        assertEquals(1, one.body().get("accepted").asInt());
        List<Object> batch = new ArrayList<>();
        for (int i = 0; i < 50; i++) batch.add(event(i % 2 == 0 ? "impression" : "share"));
        Map<String, Object> millis = event("like");
        millis.put("timestamp", 1_764_238_530_000L);
        batch.add(millis);
        Answer many = ingest.post("/v1/events", Map.of("events", batch));
        assertEquals(51, many.body().get("accepted").asInt(), many.text());
        assertEquals(0, many.body().get("rejected").size());
        assertEquals(before + 52, status("events"));
    }

    @Test
    void rejectsBadRecordsOneByOneNamingTheFieldAndQuarantinesThem() {
        Map<String, Object> noId = event("click");
        noId.remove("id");
        Map<String, Object> badTime = event("click");
        badTime.put("timestamp", "27/11/2026");
        Map<String, Object> unknownType = event("teleport");
        Map<String, Object> typo = event("click");
        typo.put("usr", "u2");
        Map<String, Object> future = event("click");
        future.put("timestamp", Instant.now().plusSeconds(86_400 * 3).toString());
        Map<String, Object> textValue = event("rating");
        textValue.put("value", "five");
        Answer a = ingest.post("/v1/events", Map.of("events", List.of(event("click"), noId, badTime, unknownType, typo, future, textValue)));
        assertEquals(200, a.status());
        assertEquals(1, a.body().get("accepted").asInt());
        JsonNode rejected = a.body().get("rejected");
        assertEquals(List.of(1, 2, 3, 4, 5, 6), indexes(rejected));
        assertEquals(List.of("id", "timestamp", "type", "usr", "timestamp", "value"), firstFields(rejected));
        assertEquals(unknownType.get("id"), rejected.get(2).get("id").asText());
        JsonNode q = admin.get("/v1/quarantine?limit=6").body();
        assertTrue(q.get("total").asLong() >= 6);
        assertEquals("event", q.get("items").get(0).get("source").asText());
        assertTrue(q.get("items").get(0).get("reason").asText().startsWith("value"), q.toString());
        assertTrue(q.get("items").get(0).get("raw").asText().contains("five"));
    }

    @Test
    void storesAnIdOnceAndCountsRepeatsAsDuplicates() {
        Map<String, Object> e = event("click");
        long before = status("events");
        assertEquals(1, ingest.post("/v1/events", e).body().get("accepted").asInt());
        Answer again = ingest.post("/v1/events", Map.of("events", List.of(e, e, event("like"))));
        assertEquals(1, again.body().get("accepted").asInt());
        assertEquals(2, again.body().get("duplicates").asInt());
        Map<String, Object> twiceInOne = event("like");
        Answer inBatch = ingest.post("/v1/events", Map.of("events", List.of(twiceInOne, twiceInOne)));
        assertEquals(1, inBatch.body().get("accepted").asInt());
        assertEquals(1, inBatch.body().get("duplicates").asInt());
        assertEquals(before + 3, status("events"));
    }

    @Test
    void refusesBodiesThatAreNoRecordWithA400AndQuarantinesThem() {
        long q = status("quarantined");
        assertBadBody("{\"events\": [1, 2", "body");
        assertBadBody("[{\"id\":\"x\"}]", "body");
        assertBadBody("", "body");
        assertBadBody("{\"events\": {\"id\": 1}}", "events");
        assertBadBody("{\"events\": [], \"extra\": 1}", "body");
        assertBadBody("\"just a string\"", "body");
        assertEquals(q + 6, status("quarantined"));
    }

    @Test
    void refusesMoreRecordsThanTheBatchLimit() {
        List<Object> tooMany = new ArrayList<>();
        for (int i = 0; i < 10_001; i++) tooMany.add(Map.of("id", "x" + i));
        Answer a = ingest.post("/v1/events", Map.of("events", tooMany));
        assertEquals(400, a.status());
        assertEquals("events", a.body().get("errors").get(0).get("field").asText());
    }

    @Test
    void refusesAnOversizedBodyWith413() {
        byte[] big = ("{\"events\": [\"" + "x".repeat((1 << 20) + 10) + "\"]}").getBytes(StandardCharsets.UTF_8);
        long before = status("events");
        Answer a = ingest.post("/v1/events", big);
        assertEquals(413, a.status(), a.text());
        assertEquals("body", a.body().get("errors").get(0).get("field").asText());
        assertEquals(before, status("events"));
    }

    /**
     * An oversized body was answered 413 before it was read, and the connection closed under a client still sending it:
     * the client then saw a reset, not the answer ("header parser received no bytes"), once in a few dozen posts.
     */
    @Test
    void anOversizedBodyIsAnsweredNotResetWhileTheClientIsStillSendingIt() {
        byte[] big = new byte[(1 << 20) * 3];
        java.util.Arrays.fill(big, (byte) ' ');
        for (int i = 0; i < 40; i++) {
            Answer a = ingest.post("/v1/events", big, "application/json");
            assertEquals(413, a.status(), "post " + i + ": " + a.text());
            assertTrue(a.text().contains("server.max_body_bytes"), a.text());
        }
    }

    @Test
    void acceptsDecisionsAndNamesTheBadServedItemField() {
        Map<String, Object> d = Map.of("id", "dec-" + IDS.incrementAndGet(), "loop", "home-feed", "user", "u1",
                "timestamp", "2026-11-27T10:00:00Z", "model", "m-1", "arm", "champion",
                "items", List.of(Map.of("item", "a1", "position", 1, "score", 0.9, "propensity", 0.7),
                        Map.of("item", "a2", "position", 2, "score", 0.1, "propensity", 0.3)),
                "candidates", List.of("a1", "a2", "a3"));
        long before = status("decisions");
        assertEquals(1, ingest.post("/v1/decisions", d).body().get("accepted").asInt());
        Map<String, Object> bad = new java.util.HashMap<>(d);
        bad.put("id", "dec-" + IDS.incrementAndGet());
        bad.put("items", List.of(Map.of("item", "a1", "position", 1, "propensity", 0.0)));
        JsonNode r = ingest.post("/v1/decisions", Map.of("decisions", List.of(bad))).body();
        assertEquals("items[0].propensity", r.get("rejected").get(0).get("errors").get(0).get("field").asText());
        assertEquals(before + 1, status("decisions"));
    }

    @Test
    void describesItselfAndExportsMetrics() {
        JsonNode paths = admin.get("/v1/openapi.json").body().get("paths");
        for (String p : List.of("/v1/events", "/v1/decisions", "/v1/items", "/v1/loops/{loop}/decide", "/v1/outcomes", "/v1/status", "/v1/quarantine", "/v1/keys", "/health", "/metrics")) {
            assertTrue(paths.has(p), "openapi lacks " + p);
        }
        ingest.post("/v1/events", event("click"));
        String metrics = admin.get("/metrics").text();
        assertTrue(metrics.contains("flywheel_records_accepted_total{kind=\"event\"}"), metrics);
        assertTrue(metrics.contains("flywheel_records_quarantined_total"), metrics);
        assertEquals(200, engine.anonymous().get("/health").status());
    }

    private static void assertBadBody(String body, String field) {
        Answer a = ingest.post("/v1/events", body.getBytes(StandardCharsets.UTF_8));
        assertEquals(400, a.status(), body + " -> " + a.text());
        assertEquals(field, a.body().get("errors").get(0).get("field").asText(), a.text());
    }

    private static List<Integer> indexes(JsonNode rejected) {
        List<Integer> out = new ArrayList<>();
        rejected.forEach(r -> out.add(r.get("index").asInt()));
        return out;
    }

    private static List<String> firstFields(JsonNode rejected) {
        List<String> out = new ArrayList<>();
        rejected.forEach(r -> out.add(r.get("errors").get(0).get("field").asText()));
        return out;
    }
}
