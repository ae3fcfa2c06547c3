package dev.flywheel.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.flywheel.auth.Scope;
import dev.flywheel.sim.client.FlywheelClient;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The engine once handed late and orphan feedback to a consumer that dropped it. Every event now
 * joins an outcome, opens an exposure, or is kept in the store's unjoined table with its reason,
 * counted in /v1/status and /metrics.
 */
class UnjoinedFeedbackTest {
    @TempDir
    Path dir;

    @Test
    void lateAndOrphanFeedbackIsKeptWithItsReasonNotDropped() throws Exception {
        Map<String, Object> loop = Map.of("name", "feed", "model", "external", "window", "10m");
        try (RunningEngine e = new RunningEngine(dir, Map.of("loops", List.of(loop)))) {
            FlywheelClient ingest = e.client(Scope.INGEST);
            assertEquals(200, ingest.post("/v1/decisions", Map.of("id", "d1", "loop", "feed", "user", "u1",
                    "timestamp", "2026-11-27T10:00:00Z", "model", "m", "arm", "champion",
                    "items", List.of(Map.of("item", "a", "position", 1, "propensity", 1.0)))).status());
            List<Map<String, Object>> events = List.of(
                    event("e1", "click", "10:01:00", "d1", "a"),     // joins d1
                    event("e2", "click", "10:05:00", "d9", "a"),     // a decision never logged: an orphan
                    event("e3", "like", "10:06:00", null, "zz"),     // nothing showed zz to u1: an orphan
                    event("e4", "click", "10:30:00", "u2", null, "q"), // moves event time past d1's window
                    event("e5", "like", "10:31:00", "d1", "a"));     // after d1's window: late
            assertEquals(200, ingest.post("/v1/events", Map.of("events", events)).status());
            JsonNode unjoined = null;
            for (int i = 0; i < 300; i++) { // orphans wait 10 minutes of event time, then the quiet log closes them
                unjoined = e.client(Scope.ADMIN).get("/v1/status").body().get("unjoined");
                if (unjoined.get("late").asLong() + unjoined.get("orphan").asLong() >= 4) break;
                Thread.sleep(100);
            }
            assertEquals(1, unjoined.get("late").asLong(), unjoined.toString());
            assertEquals(3, unjoined.get("orphan").asLong(), "e2, e3 and e4 (u2 was never shown q): " + unjoined);
            String metrics = e.client(Scope.ADMIN).get("/metrics").text();
            assertTrue(metrics.contains("flywheel_feedback_unjoined{reason=\"late\"} 1.0"), metrics);
            Map<String, String> reasons = new HashMap<>();
            try (Connection c = e.engine.store().connect(); Statement s = c.createStatement();
                 ResultSet r = s.executeQuery("SELECT id, reason FROM unjoined")) {
                while (r.next()) reasons.put(r.getString(1), r.getString(2));
            }
            assertEquals(Map.of("e2", "orphan", "e3", "orphan", "e4", "orphan", "e5", "late"), reasons);
        }
    }

    private static Map<String, Object> event(String id, String type, String time, String decision, String item) {
        Map<String, Object> m = new HashMap<>(Map.of("id", id, "type", type, "timestamp", "2026-11-27T" + time + "Z",
                "user", "u1", "loop", "feed", "item", item));
        if (decision != null) m.put("decision", decision);
        return m;
    }

    private static Map<String, Object> event(String id, String type, String time, String user, String decision, String item) {
        Map<String, Object> m = event(id, type, time, decision, item);
        m.put("user", user);
        return m;
    }
}
