package dev.flywheel.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.flywheel.auth.Scope;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The catalog over HTTP: items are analysed into term vectors and rebuilt from the log on restart. */
class ItemsApiTest {
    @TempDir
    Path dir;

    @Test
    void itemsAreAnalysedReplacedAndRebuiltAfterRestart() {
        try (RunningEngine e = new RunningEngine(dir, Map.of())) {
            var ingest = e.client(Scope.INGEST);
            var a = ingest.post("/v1/items", Map.of("items", List.of(
                    Map.of("id", "art-1", "title", "Sailing the Atlantic", "body", "Sailors sailed across the ocean",
                            "topics", List.of("travel"), "published", "2026-11-20T08:00:00Z"),
                    Map.of("id", "art-2", "title", 42))));
            assertEquals(1, a.body().get("accepted").asInt(), a.text());
            assertEquals("title", a.body().get("rejected").get(0).get("errors").get(0).get("field").asText());
            JsonNode item = e.client(Scope.DECIDE).get("/v1/items/art-1").body();
            assertEquals("sail", item.get("top_terms").get(0).get("term").asText(), item.toString());
            ingest.post("/v1/items", Map.of("id", "art-1", "title", "Gardening in winter", "body", "Gardens rest"));
            assertEquals("Gardening in winter", e.client(Scope.DECIDE).get("/v1/items/art-1").body().get("title").asText());
            assertEquals(404, e.client(Scope.DECIDE).get("/v1/items/nope").status());
        }
        try (RunningEngine e = new RunningEngine(dir, Map.of())) {
            JsonNode item = e.client(Scope.DECIDE).get("/v1/items/art-1").body();
            assertEquals("Gardening in winter", item.get("title").asText());
            assertTrue(item.get("top_terms").toString().contains("garden"), item.toString());
        }
    }
}
