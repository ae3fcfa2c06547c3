package dev.flywheel.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.flywheel.auth.Scope;
import dev.flywheel.sim.client.FlywheelClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A history imported with {@code flywheel import} leaves the state the same events leave when a
 * product streams them live over HTTP: the same feature values (feedback and collaborative) for every
 * user and item, and the same outcomes. Features, outcomes and the collaborative models are computed
 * as of each event's own time from the same log order; only the online ranker's weights may differ,
 * because its rows read whichever batch model had been published when they were made.
 */
class ImportEqualsStreamTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, Object> CONFIG = Map.of("loops", List.of(Map.of("name", "shelf",
            "reward", Map.of("weights", Map.of("like", 1, "click", 0.2, "dislike", -1)),
            "candidates", Map.of("consumed", List.of("impression", "like", "dislike")))));
    @TempDir
    Path dir;

    @Test
    void importedAndStreamedHistoriesLeaveTheSameFeaturesAndOutcomes() throws Exception {
        List<Map<String, Object>> items = items();
        List<Map<String, Object>> events = history();
        Path itemFile = lines(dir.resolve("items.jsonl"), items);
        Path eventFile = lines(dir.resolve("events.jsonl"), events);
        Path imported = dir.resolve("imported");
        assertEquals(0, ImportRuns.run("--data", imported.toString(), "--items", itemFile.toString(),
                "--events", eventFile.toString()).exit());
        try (RunningEngine a = new RunningEngine(imported, CONFIG); RunningEngine b = new RunningEngine(dir.resolve("streamed"), CONFIG)) {
            FlywheelClient ingest = b.client(Scope.INGEST);
            assertEquals(200, ingest.post("/v1/items", Map.of("items", items)).status());
            for (int from = 0; from < events.size(); from += 50) {
                assertEquals(200, ingest.post("/v1/events", Map.of("events", events.subList(from, Math.min(events.size(), from + 50)))).status());
            }
            settle(a);
            settle(b);
            for (int u = 0; u < 30; u++) assertEquals(features(a, "u" + u), features(b, "u" + u), "user u" + u);
            assertEquals(outcomes(a), outcomes(b));
            assertTrue(outcomes(a).size() > 300, "outcomes of the exposures: " + outcomes(a).size());
        }
    }

    /** 30 users in 3 taste groups rate items over two weeks: an impression, sometimes a click, a like or a dislike. */
    private static List<Map<String, Object>> history() {
        SplittableRandom r = new SplittableRandom(5);
        List<Map<String, Object>> out = new ArrayList<>();
        Instant t = Instant.parse("2019-05-01T08:00:00Z");
        for (int n = 0; n < 400; n++) {
            t = t.plusSeconds(r.nextInt(3_000));
            int user = r.nextInt(30);
            int item = r.nextDouble() < 0.8 ? (user % 3) + 3 * r.nextInt(10) : r.nextInt(30);
            String type = item % 3 == user % 3 ? "like" : r.nextBoolean() ? "dislike" : "click";
            out.add(event("e" + n + "i", "impression", t, user, item));
            out.add(event("e" + n + "r", type, t.plusSeconds(20), user, item));
        }
        out.sort(java.util.Comparator.comparing(e -> (String) e.get("timestamp")));
        return out;
    }

    private static Map<String, Object> event(String id, String type, Instant at, int user, int item) {
        return Map.of("id", id, "type", type, "timestamp", at.toString(), "user", "u" + user, "item", "i" + item, "loop", "shelf");
    }

    private static List<Map<String, Object>> items() {
        List<Map<String, Object>> out = new ArrayList<>();
        String[] words = {"lake", "mountain", "river", "desert", "forest", "island"};
        for (int i = 0; i < 30; i++) {
            out.add(Map.of("id", "i" + i, "title", words[i % 6] + " " + words[(i / 6) % 6], "topics", List.of("g" + i % 3)));
        }
        return out;
    }

    private static Path lines(Path file, List<Map<String, Object>> rows) throws Exception {
        StringBuilder sb = new StringBuilder();
        for (Map<String, Object> row : rows) sb.append(JSON.writeValueAsString(row)).append('\n');
        return Files.writeString(file, sb);
    }

    /**
     * Waits until the stream operators and the collaborative models have taken in the whole log and
     * every window has closed (a streamed history's last windows close once the log has been quiet).
     */
    private static void settle(RunningEngine e) throws InterruptedException {
        FlywheelClient admin = e.client(Scope.ADMIN);
        for (int i = 0; i < 300; i++) {
            JsonNode s = admin.get("/v1/status").body();
            JsonNode c = s.at("/loops/shelf/collaborative");
            if (s.at("/stream/lag_entries").asLong() == 0 && s.at("/stream/open_windows").asLong() == 0
                    && !c.get("trained_up_to_seq").isNull()
                    && c.get("trained_lag_entries").asLong() == 0) return;
            Thread.sleep(100);
        }
        throw new AssertionError("did not settle within 30 s: " + admin.get("/v1/status").text());
    }

    /** item → its features for the user, for every item (not logged: nothing changes by asking). */
    private static Map<String, JsonNode> features(RunningEngine e, String user) {
        List<String> all = new ArrayList<>();
        for (int i = 0; i < 30; i++) all.add("i" + i);
        JsonNode a = e.client(Scope.DECIDE).post("/v1/loops/shelf/decide", Map.of("user", user, "candidates", all, "k", 30,
                "explain", true, "log", false)).body();
        Map<String, JsonNode> out = new TreeMap<>();
        for (JsonNode item : a.get("items")) out.put(item.get("item").asText(), item.get("features"));
        return out;
    }

    private static List<String> outcomes(RunningEngine e) {
        JsonNode rows = e.client(Scope.ADMIN).get("/v1/outcomes?loop=shelf&limit=100000").body().get("outcomes");
        List<String> out = new ArrayList<>();
        for (JsonNode o : rows) out.add(o.get("decision").asText() + " " + o.get("item").asText() + " " + o.get("reward").asDouble()
                + " " + o.get("reactions"));
        java.util.Collections.sort(out);
        return out;
    }
}
