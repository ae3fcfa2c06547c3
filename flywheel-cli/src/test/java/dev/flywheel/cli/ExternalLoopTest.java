package dev.flywheel.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.flywheel.auth.Scope;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A loop decided by the product's own model (model: external): its logged decisions join their
 * feedback into outcomes like a Flywheel loop's, and asking Flywheel to decide it is refused. Before
 * this, decisions of loops missing from the config were counted and never got outcomes.
 */
class ExternalLoopTest {
    @TempDir
    Path dir;

    @Test
    void loggedDecisionsOfAnExternalLoopGetOutcomes() throws InterruptedException {
        Map<String, Object> loop = Map.of("name", "search", "model", "external", "window", "10m",
                "reward", Map.of("weights", Map.of("click", 1.0, "purchase", 5.0)));
        try (RunningEngine e = new RunningEngine(dir, Map.of("loops", List.of(loop)))) {
            var ingest = e.client(Scope.INGEST);
            Map<String, Object> d = Map.of("id", "q-1", "loop", "search", "user", "u1",
                    "timestamp", "2026-11-27T10:00:00Z", "model", "bm25-v3", "arm", "champion",
                    "items", List.of(Map.of("item", "p1", "position", 1, "score", 2.0, "propensity", 1.0),
                            Map.of("item", "p2", "position", 2, "score", 1.0, "propensity", 1.0)));
            assertEquals(1, ingest.post("/v1/decisions", d).body().get("accepted").asInt());
            ingest.post("/v1/events", event("e-1", "click", "2026-11-27T10:01:00Z", "u1", "q-1", "p2"));
            ingest.post("/v1/events", event("e-2", "purchase", "2026-11-27T10:10:00Z", "u1", "q-1", "p2"));
            // another user's event later than the window: event time moves on and the window closes
            ingest.post("/v1/events", event("e-3", "click", "2026-11-27T10:30:00Z", "u2", null, "p9"));
            JsonNode out = outcomes(e, 2);
            assertEquals(2, out.get("count").asInt(), out.toString());
            Map<String, Double> reward = new HashMap<>();
            for (JsonNode o : out.get("outcomes")) reward.put(o.get("item").asText(), o.get("reward").asDouble());
            // the purchase at the window's last instant counts (its end is inclusive)
            assertEquals(Map.of("p1", 0.0, "p2", 6.0), reward);
        }
    }

    @Test
    void refusesToDecideAnExternalLoopNamingTheLoop() {
        Map<String, Object> loop = Map.of("name", "search", "model", "external");
        try (RunningEngine e = new RunningEngine(dir, Map.of("loops", List.of(loop)))) {
            var r = e.client(Scope.DECIDE).post("/v1/loops/search/decide", Map.of("user", "u", "candidates", List.of("a")));
            assertEquals(409, r.status(), r.text());
            assertEquals("loop", r.body().get("errors").get(0).get("field").asText());
            assertTrue(r.text().contains("POST /v1/decisions"), r.text());
        }
    }

    private static Map<String, Object> event(String id, String type, String at, String user, String decision, String item) {
        Map<String, Object> m = new HashMap<>(Map.of("id", id, "type", type, "timestamp", at, "user", user,
                "loop", "search", "item", item));
        if (decision != null) m.put("decision", decision);
        return m;
    }

    /** Outcomes are written by the runner shortly after the window closes: wait for them. */
    private static JsonNode outcomes(RunningEngine e, int expected) throws InterruptedException {
        JsonNode out = null;
        for (int i = 0; i < 100; i++) {
            out = e.client(Scope.ADMIN).get("/v1/outcomes?loop=search").body();
            if (out.get("count").asInt() >= expected) return out;
            Thread.sleep(50);
        }
        return out;
    }
}
