package dev.flywheel.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.flywheel.auth.Scope;
import dev.flywheel.sim.SimClock;
import dev.flywheel.sim.client.FlywheelClient;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Retention as an operator sees it: the engine's own thread archives old segments (no test calls
 * it), {@code /v1/status} shows what the archive holds under {@code log.archive} and still counts
 * every event, and {@code /metrics} counts archived segments, entries and bytes; after a restart, the
 * ids of archived events are still known, so sending them again stores nothing twice.
 */
class RetentionApiTest {
    @TempDir
    Path dir;

    @Test
    void theEngineArchivesOnItsOwnAndShowsItInStatusAndMetrics() throws Exception {
        SimClock clock = new SimClock(Instant.parse("2026-05-01T00:00:00Z"));
        Map<String, Object> config = Map.of("log", Map.of("fsync", false, "segment_bytes", 65_536, "checkpoint_entries", 50,
                "checkpoint_interval", "0s", "retention", "1h", "retention_check", "100ms"));
        try (RunningEngine e = new RunningEngine(dir, config, clock)) {
            FlywheelClient ingest = e.client(Scope.INGEST);
            for (int b = 0; b < 30; b++) send(ingest, b, clock.instant());
            assertEquals(0, archive(e).get("archived_segments").asLong(), "nothing is an hour old yet");
            clock.advanceTo(clock.instant().plus(Duration.ofHours(2)));
            JsonNode archive = archive(e);
            for (int i = 0; i < 300 && archive.get("archived_segments").asLong() < 5; i++) {
                Thread.sleep(100);
                archive = archive(e);
            }
            assertEquals(3_600, archive.get("retention_seconds").asLong());
            assertTrue(archive.get("archived_segments").asLong() >= 5, archive.toString());
            assertEquals(archive.get("archived_seq").asLong() + 1, archive.get("archived_entries").asLong(), archive.toString());
            assertTrue(archive.get("archived_bytes").asLong() > 0, archive.toString());
            JsonNode status = e.client(Scope.ADMIN).get("/v1/status").body();
            assertEquals(3_000, status.get("events").asLong(), "archived events are still counted");
            String metrics = e.client(Scope.ADMIN).get("/metrics").text();
            // the engine's thread may have archived more since the status was read
            assertTrue(metric(metrics, "flywheel_log_archived_segments_total") >= archive.get("archived_segments").asDouble(), metrics);
            assertTrue(metric(metrics, "flywheel_log_archived_entries_total") >= archive.get("archived_entries").asDouble());
            assertTrue(metric(metrics, "flywheel_log_archived_bytes_total") >= archive.get("archived_bytes").asDouble());
        }
        archivedIdsAreStillDuplicatesAfterARestart(config, clock); // e0-* are seqs 0-99, in the first segment archived
    }

    private void archivedIdsAreStillDuplicatesAfterARestart(Map<String, Object> config, SimClock clock) {
        try (RunningEngine e = new RunningEngine(dir, config, clock)) {
            List<Map<String, Object>> again = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                again.add(Map.of("id", "e0-" + i, "type", "click", "timestamp", clock.instant().toString(), "user", "u1"));
            }
            JsonNode answer = e.client(Scope.INGEST).post("/v1/events", Map.of("events", again)).body();
            assertEquals(0, answer.get("accepted").asInt(), answer.toString());
            assertEquals(100, answer.get("duplicates").asInt(), answer.toString());
            assertEquals(3_000, e.client(Scope.ADMIN).get("/v1/status").body().get("events").asLong());
        }
    }

    private static void send(FlywheelClient ingest, int batch, Instant at) {
        List<Map<String, Object>> events = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            events.add(Map.of("id", "e" + batch + "-" + i, "type", "click", "timestamp", at.toString(), "user", "u" + i % 17,
                    "item", "item-" + i, "props", Map.of("padding", "x".repeat(100))));
        }
        assertEquals(100, ingest.post("/v1/events", Map.of("events", events)).body().get("accepted").asInt());
    }

    private static JsonNode archive(RunningEngine e) {
        return e.client(Scope.ADMIN).get("/v1/status").body().get("log").get("archive");
    }

    private static double metric(String text, String name) {
        Matcher m = Pattern.compile("(?m)^" + name + "(\\{[^}]*\\})? ([0-9.eE+-]+)$").matcher(text);
        assertTrue(m.find(), name + " in\n" + text);
        return Double.parseDouble(m.group(2));
    }
}
