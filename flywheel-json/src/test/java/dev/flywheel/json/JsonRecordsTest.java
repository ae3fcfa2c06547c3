package dev.flywheel.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.flywheel.catalog.Item;
import dev.flywheel.decision.Decision;
import dev.flywheel.event.EventTypes;
import dev.flywheel.event.FieldError;
import dev.flywheel.ingest.Admission;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The public facade reads and refuses records exactly as the HTTP API's readers do. */
class JsonRecordsTest {
    private final ObjectMapper json = new ObjectMapper();
    private final Admission admission = new Admission(EventTypes.builtIn(),
            Clock.fixed(Instant.parse("2026-11-27T12:00:00Z"), ZoneOffset.UTC), Duration.ofHours(1));

    @Test
    void decisionWithPropensitiesIsRead() throws IOException {
        JsonRecords.Parsed p = JsonRecords.decision(json.readTree("""
                {"id": "d-1", "loop": "feed", "user": "u-1", "timestamp": "2026-11-27T10:00:00Z", "model": "m",
                 "arm": "champion", "items": [{"item": "a", "propensity": 0.5}, {"item": "b", "propensity": 0.5}]}"""), admission);
        assertTrue(p.ok(), p.errors().toString());
        Decision d = (Decision) p.record();
        assertEquals(2, d.items().get(1).position());
    }

    @Test
    void refusalsNameTheFieldAsTheApiDoes() throws IOException {
        JsonRecords.Parsed p = JsonRecords.decision(json.readTree("""
                {"id": "d-2", "loop": "feed", "timestamp": "2026-11-27T10:00:00Z", "model": "m", "arm": "a",
                 "items": [{"item": "a"}]}"""), admission);
        assertFalse(p.ok());
        assertEquals("d-2", p.id());
        List<String> fields = p.errors().stream().map(FieldError::field).toList();
        assertTrue(fields.containsAll(List.of("items[0].propensity", "user")), fields.toString());
        JsonRecords.Parsed e = JsonRecords.event(json.readTree("""
                {"id": "e-1", "type": "teleport", "timestamp": "2026-11-27T10:00:00Z", "user": "u"}"""), admission);
        assertEquals("type", e.errors().get(0).field());
    }

    @Test
    void itemIsRead() throws IOException {
        JsonRecords.Parsed p = JsonRecords.item(json.readTree("{\"id\": \"i-1\", \"title\": \"T\", \"topics\": [\"x\"]}"));
        assertEquals(List.of("x"), ((Item) p.record()).topics());
    }
}
