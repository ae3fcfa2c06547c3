package dev.flywheel.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.flywheel.auth.Scope;
import dev.flywheel.sim.client.FlywheelClient;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Decisions rank with what the stream operators have applied. Slowed until they fell a few rounds
 * behind the article demo (as an overloaded machine can slow them), they had those rounds ranked
 * with a state rounds old (single rounds at about half the like rate, clicks at the random policy's)
 * while the learner trained on the inputs as of each decision's place in the log. Here a real engine's stream is put behind by a backlog of
 * history, a user dislikes an item, and the user's decision comes at once.
 */
class DecideWhileTheStreamIsBehindTest {
    static final int BACKLOG = 20_000;
    @TempDir
    Path dir;

    static Map<String, Object> config(Object maxLag, String wait) {
        return Map.of("server", Map.of("decide_max_lag", maxLag, "decide_wait", wait),
                "loops", List.of(Map.of("name", "feed", "model", "content-bandit", "k", 2,
                        "candidates", Map.of("consumed", List.of("dislike")))));
    }

    /** Items a and b, a backlog of other users' exposures, then u's dislike of a; returns the stream's lag before the dislike. */
    static long behindWithADislike(RunningEngine e) {
        FlywheelClient ingest = e.client(Scope.INGEST);
        Instant t = Instant.now().minusSeconds(60);
        List<Map<String, Object>> items = new ArrayList<>();
        for (String id : List.of("a", "b")) {
            items.add(Map.of("id", id, "title", "article " + id, "body", "words about " + id, "topics", List.of("t" + id)));
        }
        assertEquals(200, ingest.post("/v1/items", Map.of("items", items)).status());
        for (int from = 0; from < BACKLOG; from += 10_000) {
            List<Map<String, Object>> batch = new ArrayList<>();
            for (int i = from; i < from + 10_000; i++) {
                batch.add(event("h" + i, "impression", t.plusMillis(i), "v" + (i % 500), i % 2 == 0 ? "a" : "b"));
            }
            assertEquals(200, ingest.post("/v1/events", Map.of("events", batch)).status());
        }
        long lag = e.client(Scope.ADMIN).get("/v1/status").body().at("/stream/lag_entries").asLong();
        JsonNode r = ingest.post("/v1/events", Map.of("events", List.of(event("x", "dislike", t.plusSeconds(30), "u", "a")))).body();
        assertEquals(0, r.get("rejected").size(), r.toString());
        return lag;
    }

    static Map<String, Object> event(String id, String type, Instant at, String user, String item) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("id", id);
        e.put("type", type);
        e.put("timestamp", at.toString());
        e.put("user", user);
        e.put("loop", "feed");
        e.put("item", item);
        return e;
    }

    static List<String> items(JsonNode answer) {
        List<String> out = new ArrayList<>();
        answer.get("items").forEach(i -> out.add(i.get("item").asText()));
        return out;
    }

    @Test
    void aDecisionRanksWithTheFeedbackAcknowledgedBeforeItWhileTheStreamIsBehind() {
        try (RunningEngine e = new RunningEngine(dir, config(0, "60s"))) {
            long lag = behindWithADislike(e);
            FlywheelClient.Answer a = e.client(Scope.DECIDE).post("/v1/loops/feed/decide",
                    Map.of("user", "u", "candidates", List.of("a", "b"), "k", 2));
            assertTrue(lag > 0, "the stream was behind the backlog when the dislike came (lag " + lag + ")");
            assertEquals(200, a.status(), a.text());
            assertEquals(List.of("b"), items(a.body()), "u disliked a before asking: " + a.text());
            assertFalse(a.body().has("stream_lag"), a.text());
            FlywheelClient.Answer none = e.client(Scope.DECIDE).post("/v1/loops/feed/decide",
                    Map.of("user", "u", "candidates", List.of("a"), "k", 1));
            assertEquals(400, none.status(), none.text());
        }
    }

    @Test
    void aDecisionThatCouldNotWaitForTheStreamSaysHowFarBehindItRanked() {
        try (RunningEngine e = new RunningEngine(dir, config(0, "0s"))) {
            long lag = behindWithADislike(e);
            FlywheelClient.Answer a = e.client(Scope.DECIDE).post("/v1/loops/feed/decide",
                    Map.of("user", "u", "candidates", List.of("a", "b"), "k", 2));
            assertTrue(lag > 0, "the stream was behind the backlog when the dislike came (lag " + lag + ")");
            assertEquals(200, a.status(), a.text());
            assertTrue(a.body().path("stream_lag").asLong() > 0, "ranked behind the log, and said so: " + a.text());
            String metrics = e.client(Scope.ADMIN).get("/metrics").text();
            assertTrue(metrics.contains("flywheel_decide_behind_total 1.0"), metrics.lines().filter(l -> l.contains("behind")).toList().toString());
        }
    }
}
