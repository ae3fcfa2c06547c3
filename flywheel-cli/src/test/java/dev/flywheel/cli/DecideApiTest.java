package dev.flywheel.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.flywheel.auth.Scope;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Deciding over HTTP; the candidates here are interface variants, which a loop treats like any items. */
class DecideApiTest {
    @TempDir
    static Path dir;
    static RunningEngine engine;

    @BeforeAll
    static void start() {
        engine = new RunningEngine(dir, Map.of("loops", List.of(Map.of("name", "layout", "model", "uniform", "k", 1,
                "candidates", Map.of("free", true)))));
    }

    @AfterAll
    static void stop() {
        engine.close();
    }

    @Test
    void choosesAnInterfaceVariantAndLogsTheDecisionWithExactPropensities() {
        var decide = engine.client(Scope.DECIDE);
        long before = engine.client(Scope.ADMIN).get("/v1/status").body().get("decisions").asLong();
        Set<String> chosen = new HashSet<>();
        for (int i = 0; i < 40; i++) {
            JsonNode r = decide.post("/v1/loops/layout/decide", Map.of("user", "u" + i,
                    "candidates", List.of("grid", "list", "carousel"), "k", 1, "explain", true)).body();
            assertEquals(1, r.get("items").size(), r.toString());
            assertEquals(1.0 / 3, r.get("items").get(0).get("propensity").asDouble(), 1e-12);
            assertTrue(r.get("decision").asText().startsWith("d-"));
            chosen.add(r.get("items").get(0).get("item").asText());
        }
        assertEquals(Set.of("grid", "list", "carousel"), chosen);
        assertEquals(before + 40, engine.client(Scope.ADMIN).get("/v1/status").body().get("decisions").asLong());
    }

    @Test
    void propensitiesOfARankingAreConditionalOnTheSlotsBefore() {
        JsonNode r = engine.client(Scope.DECIDE).post("/v1/loops/layout/decide",
                Map.of("user", "u", "candidates", List.of("a", "b", "c", "d"), "k", 3)).body();
        assertEquals(List.of(0.25, 1.0 / 3, 0.5), List.of(r.get("items").get(0).get("propensity").asDouble(),
                r.get("items").get(1).get("propensity").asDouble(), r.get("items").get(2).get("propensity").asDouble()));
    }

    @Test
    void refusesUnknownLoopsBadFieldsAndKeysWithoutTheDecideScope() {
        var decide = engine.client(Scope.DECIDE);
        assertEquals(404, decide.post("/v1/loops/nope/decide", Map.of("user", "u")).status());
        var bad = decide.post("/v1/loops/layout/decide", Map.of("user", "u", "k", 0, "candidates", List.of("a")));
        assertEquals(400, bad.status());
        assertEquals("k", bad.body().get("errors").get(0).get("field").asText());
        var noUser = decide.post("/v1/loops/layout/decide", Map.of("candidates", List.of("a")));
        assertEquals("user", noUser.body().get("errors").get(0).get("field").asText());
        // a loop of interface variants has no candidates of its own: the request must name them
        var none = decide.post("/v1/loops/layout/decide", Map.of("user", "u"));
        assertEquals(400, none.status(), none.text());
        assertEquals("candidates", none.body().get("errors").get(0).get("field").asText());
        assertEquals(403, engine.client(Scope.INGEST).post("/v1/loops/layout/decide", Map.of("user", "u")).status());
    }
}
