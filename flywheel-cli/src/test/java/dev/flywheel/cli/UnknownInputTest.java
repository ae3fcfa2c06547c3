package dev.flywheel.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.flywheel.auth.Scope;
import dev.flywheel.sim.client.FlywheelClient;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Input an import trips over gets a clear answer: events naming a loop that is not configured are
 * counted per name (or refused with {@code events.unknown_loops: reject}); decide candidates the
 * loop knows nothing about are listed; a ranking asked with {@code "log": false} is not logged but
 * counted.
 */
class UnknownInputTest {
    @TempDir
    Path dir;

    private static Map<String, Object> event(String id, String loop) {
        return Map.of("id", id, "type", "click", "timestamp", "2026-11-01T10:00:00Z", "user", "u1", "item", "a", "loop", loop);
    }

    @Test
    void eventsNamingAnUnknownLoopAreCountedPerName() throws InterruptedException {
        try (RunningEngine e = new RunningEngine(dir, Map.of("loops", List.of(Map.of("name", "feed"))))) {
            FlywheelClient ingest = e.client(Scope.INGEST);
            assertEquals(200, ingest.post("/v1/events", Map.of("events", List.of(event("e1", "fed"), event("e2", "fed"),
                    event("e3", "feed"), event("e4", "search")))).status());
            JsonNode unknown = null;
            for (int i = 0; i < 100 && (unknown == null || unknown.size() < 2); i++) {
                unknown = e.client(Scope.ADMIN).get("/v1/status").body().get("unknown_loops");
                Thread.sleep(50);
            }
            assertEquals(2, unknown.get("fed").asLong());
            assertEquals(1, unknown.get("search").asLong());
            assertFalse(unknown.has("feed"));
            String metrics = e.client(Scope.ADMIN).get("/metrics").text();
            assertTrue(metrics.contains("flywheel_events_unknown_loop_total{loop=\"fed\"} 2.0"), metrics);
        }
    }

    @Test
    void eventsNamingAnUnknownLoopAreRefusedWhenTheConfigSaysSo() {
        Map<String, Object> config = Map.of("events", Map.of("unknown_loops", "reject"), "loops", List.of(Map.of("name", "feed")));
        try (RunningEngine e = new RunningEngine(dir, config)) {
            JsonNode r = e.client(Scope.INGEST).post("/v1/events", Map.of("events", List.of(event("e1", "fed"), event("e2", "feed")))).body();
            assertEquals(1, r.get("accepted").asInt());
            assertEquals("loop", r.at("/rejected/0/errors/0/field").asText(), r.toString());
            assertTrue(r.at("/rejected/0/errors/0/message").asText().contains("'fed'"), r.toString());
        }
    }

    @Test
    void candidatesTheLoopKnowsNothingAboutAreListedAndUnloggedRankingsCounted() {
        try (RunningEngine e = new RunningEngine(dir, Map.of("loops", List.of(Map.of("name", "feed"))))) {
            assertEquals(200, e.client(Scope.INGEST).post("/v1/items", Map.of("items", List.of(Map.of("id", "a", "title", "known"),
                    Map.of("id", "b", "title", "known too")))).status());
            e.engine.awaitStream(5_000);
            FlywheelClient decide = e.client(Scope.DECIDE);
            JsonNode r = decide.post("/v1/loops/feed/decide", Map.of("user", "u", "candidates", List.of("a", "zz", "b", "yy"),
                    "k", 4, "log", false)).body();
            assertEquals(List.of("zz", "yy"), List.of(r.at("/unknown_candidates/0").asText(), r.at("/unknown_candidates/1").asText()));
            assertTrue(r.get("decision").isNull(), r.toString());
            JsonNode known = decide.post("/v1/loops/feed/decide", Map.of("user", "u", "candidates", List.of("a", "b"), "k", 2)).body();
            assertFalse(known.has("unknown_candidates"), known.toString());
            String metrics = e.client(Scope.ADMIN).get("/metrics").text();
            assertTrue(metrics.contains("flywheel_decide_unlogged_total 1.0"), metrics);
            assertEquals(1, e.client(Scope.ADMIN).get("/v1/status").body().get("decisions").asLong(), "only the logged one");
        }
    }
}
