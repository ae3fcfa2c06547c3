package dev.flywheel.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.flywheel.auth.Scope;
import dev.flywheel.sim.client.FlywheelClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Random and mutated JSON against a real engine: never a 5xx, and never a partial write — the
 * stored counts move by exactly what the answer reports.
 */
class IngestPropertyTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static Path dir;
    private static RunningEngine engine;
    private static FlywheelClient ingest;
    private static FlywheelClient admin;

    @BeforeContainer
    static void start() throws Exception {
        dir = Files.createTempDirectory("flywheel-prop");
        engine = new RunningEngine(dir, Map.of());
        ingest = engine.client(Scope.INGEST);
        admin = engine.client(Scope.ADMIN);
    }

    @AfterContainer
    static void stop() {
        engine.close();
        TempDirs.deleteQuietly(dir);
    }

    @Property(tries = 250)
    void randomJsonNeverFailsTheServerNorWritesPartly(@ForAll("bodies") Object body, @ForAll boolean decisions) throws Exception {
        check(JSON.writeValueAsBytes(body), decisions);
    }

    @Property(tries = 250)
    void mutatedValidBatchesNeverFailTheServerNorWritePartly(@ForAll("mutations") byte[] body, @ForAll boolean decisions) {
        check(body, decisions);
    }

    private static void check(byte[] body, boolean decisions) {
        String path = decisions ? "/v1/decisions" : "/v1/events";
        JsonNode before = admin.get("/v1/status").body();
        FlywheelClient.Answer a = ingest.post(path, body);
        JsonNode after = admin.get("/v1/status").body();
        assertTrue(a.status() < 500, a.status() + " for " + new String(body, StandardCharsets.UTF_8) + " -> " + a.text());
        assertTrue(a.body() != null && a.body().isObject(), "every answer is JSON: " + a.text());
        long stored = delta(before, after, decisions ? "decisions" : "events");
        long otherKind = delta(before, after, decisions ? "events" : "decisions");
        long quarantined = delta(before, after, "quarantined");
        assertEquals(0, otherKind);
        if (a.status() == 200) {
            assertEquals(a.body().get("accepted").asLong(), stored, a.text());
            assertEquals(a.body().get("rejected").size(), quarantined, a.text());
        } else {
            assertEquals(400, a.status(), a.text());
            assertEquals(0, stored, "a refused request stored records");
            assertEquals(1, quarantined, "a refused request is quarantined once");
            assertTrue(a.body().get("errors").size() > 0 && a.body().get("errors").get(0).has("field"));
        }
    }

    private static long delta(JsonNode before, JsonNode after, String field) {
        return after.get(field).asLong() - before.get(field).asLong();
    }

    @Provide
    Arbitrary<Object> bodies() {
        Arbitrary<Object> leaf = Arbitraries.oneOf(
                Arbitraries.strings().ofMaxLength(12).map(s -> (Object) s),
                Arbitraries.integers().map(i -> (Object) i),
                Arbitraries.doubles().map(d -> (Object) d),
                Arbitraries.of(true, false).map(b -> (Object) b),
                Arbitraries.of("click", "rating", "2026-11-27T10:00:00Z", "id", "user", "items", "propensity").map(s -> (Object) s));
        Arbitrary<String> keys = Arbitraries.of("id", "type", "timestamp", "user", "item", "value", "props", "loop",
                "model", "arm", "items", "propensity", "position", "events", "decisions", "x");
        return Arbitraries.recursive(() -> leaf, inner -> Arbitraries.oneOf(
                inner.list().ofMaxSize(4).map(l -> (Object) l),
                Arbitraries.maps(keys, inner).ofMaxSize(6).map(m -> (Object) new LinkedHashMap<>(m))), 0, 4);
    }

    @Provide
    Arbitrary<byte[]> mutations() {
        return Arbitraries.integers().between(0, Integer.MAX_VALUE).map(IngestPropertyTest::mutate);
    }

    private static byte[] mutate(int seed) {
        java.util.SplittableRandom r = new java.util.SplittableRandom(seed);
        List<Object> events = new ArrayList<>();
        for (int i = 0; i < 1 + r.nextInt(4); i++) {
            events.add(Map.of("id", "m-" + seed + "-" + i, "type", "click", "timestamp", "2026-11-27T10:00:00Z",
                    "user", "u", "items", List.of(Map.of("item", "a", "propensity", 0.5)), "loop", "feed", "model", "m", "arm", "a"));
        }
        byte[] b;
        try {
            b = JSON.writeValueAsBytes(Map.of(r.nextBoolean() ? "events" : "decisions", events));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        int edits = 1 + r.nextInt(4);
        for (int e = 0; e < edits && b.length > 1; e++) {
            int at = r.nextInt(b.length);
            switch (r.nextInt(4)) {
                case 0 -> b[at] = (byte) r.nextInt(256);                       // any byte, invalid UTF-8 included
                case 1 -> b = java.util.Arrays.copyOf(b, at);                  // truncated
                case 2 -> b[at] = (byte) "{}[]\",:0-e. ".charAt(r.nextInt(12)); // structural damage
                default -> {                                                    // a byte deleted
                    byte[] c = new byte[b.length - 1];
                    System.arraycopy(b, 0, c, 0, at);
                    System.arraycopy(b, at + 1, c, at, b.length - at - 1);
                    b = c;
                }
            }
        }
        return b;
    }
}
