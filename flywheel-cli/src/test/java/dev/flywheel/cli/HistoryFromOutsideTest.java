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
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a new user saw when they sent a product's rating history through the HTTP API and asked
 * {@code decide} for their users (issue 8), one regression test per point. The history: two groups of
 * 20 users and 12 items each; every user rated 6 items of their own group years ago (an impression, a
 * click, a like), no decisions, no propensities.
 */
class HistoryFromOutsideTest {
    private static final Instant T0 = Instant.parse("2015-03-01T10:00:00Z");
    private static final Map<String, Object> LOOP = Map.of("name", "movies",
            "reward", Map.of("weights", Map.of("like", 1, "click", 0.2, "dislike", -1), "ignore", -0.05),
            "candidates", Map.of("consumed", List.of("impression", "click", "like", "dislike")));
    @TempDir
    static Path dir;
    static RunningEngine engine;
    static FlywheelClient decide;
    static FlywheelClient admin;
    /** user → the items they rated. */
    static final Map<String, Set<String>> RATED = new HashMap<>();
    /** item → when it was rated; and the newest rating of all. */
    static final Map<String, List<Instant>> RATED_AT = new HashMap<>();
    static Instant newest = T0;

    @BeforeAll
    static void sendHistory() throws InterruptedException {
        engine = new RunningEngine(dir, Map.of("loops", List.of(LOOP)));
        decide = engine.client(Scope.DECIDE);
        admin = engine.client(Scope.ADMIN);
        FlywheelClient ingest = engine.client(Scope.INGEST);
        List<Map<String, Object>> events = new ArrayList<>();
        java.util.SplittableRandom r = new java.util.SplittableRandom(8);
        for (int u = 0; u < 40; u++) {
            String group = u < 20 ? "a" : "b";
            Set<String> mine = new HashSet<>();
            while (mine.size() < 6) mine.add(group + r.nextInt(12));
            RATED.put("u" + u, mine);
            int k = 0;
            for (String item : mine) {
                Instant at = T0.plusSeconds(3600L * u + 60L * k++);
                RATED_AT.computeIfAbsent(item, x -> new ArrayList<>()).add(at);
                if (at.isAfter(newest)) newest = at;
                for (String type : List.of("impression", "click", "like")) events.add(event("u" + u, item, type, at));
            }
        }
        events.sort(java.util.Comparator.comparing(e -> (String) e.get("timestamp")));
        for (int from = 0; from < events.size(); from += 200) {
            assertEquals(200, ingest.post("/v1/events", Map.of("events", events.subList(from, Math.min(events.size(), from + 200)))).status());
        }
        waitForModels();
    }

    private static Map<String, Object> event(String user, String item, String type, Instant at) {
        return Map.of("id", user + "-" + item + "-" + type, "type", type, "timestamp", at.toString(), "user", user, "item", item);
    }

    /** Collaborative models train once the input pauses (a few seconds), not when more history comes. */
    private static void waitForModels() throws InterruptedException {
        for (int i = 0; i < 600; i++) {
            JsonNode c = admin.get("/v1/status").body().at("/loops/movies/collaborative");
            if (!c.get("trained_up_to_seq").isNull() && c.get("trained_lag_entries").asLong() == 0) return;
            Thread.sleep(100);
        }
        throw new AssertionError("the collaborative models did not train within a minute: " + admin.get("/v1/status").text());
    }

    @AfterAll
    static void stop() {
        engine.close();
    }

    private static JsonNode ask(String user, List<String> candidates) {
        // not logged: a logged decision is live traffic, and its time would move the features' clock to now
        Map<String, Object> body = new HashMap<>(Map.of("user", user, "k", 5, "explain", true, "log", false));
        if (candidates != null) body.put("candidates", candidates);
        FlywheelClient.Answer a = decide.post("/v1/loops/movies/decide", body);
        assertEquals(200, a.status(), a.text());
        return a.body();
    }

    private static List<String> all() {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            out.add("a" + i);
            out.add("b" + i);
        }
        return out;
    }

    /** Once: impression events without a decision id were not exposures, so every item looked unseen. */
    @Test
    void impressionsWithoutADecisionCountAsExposures() {
        // each rating's impression, decayed with the default 30-day half-life to the newest feedback's time
        double exposures = 0;
        for (Instant at : RATED_AT.get("a0")) exposures += Math.pow(2, -(newest.toEpochMilli() - at.toEpochMilli()) / (30 * 86_400_000.0));
        JsonNode item = ask("newcomer", List.of("a0")).get("items").get(0);
        assertEquals(Math.log1p(exposures), item.at("/features/impressions_log").asDouble(), 1e-9,
                "a0 was rated " + RATED_AT.get("a0").size() + " times; features as of the newest feedback do not decay it away");
        assertTrue(exposures > 0.9 * RATED_AT.get("a0").size());
        assertTrue(item.at("/features/like_logit").asDouble() > 0, "every rating of a0 was a like: " + item);
    }

    /** Once: scores of 51 to 150 for a reward whose weights lie between −1 and 1.2. */
    @Test
    void scoresStayOnTheRewardsScale() {
        for (String user : List.of("u1", "u25", "newcomer")) {
            for (JsonNode item : ask(user, all()).get("items")) {
                double s = item.get("score").asDouble();
                assertTrue(s >= -1.05 && s <= 1.2, user + " " + item);
            }
        }
    }

    /** Once: 18 % of the slots were items the user had already rated. */
    @Test
    void itemsTheUserRatedAreNotOfferedAgain() {
        for (String user : List.of("u0", "u7", "u30")) {
            for (JsonNode item : ask(user, all()).get("items")) {
                assertFalse(RATED.get(user).contains(item.get("item").asText()), user + " rated " + item);
            }
            for (JsonNode item : ask(user, null).get("items")) {
                assertFalse(RATED.get(user).contains(item.get("item").asText()), user + " rated " + item + " (no candidates sent)");
            }
        }
    }

    /** Once: no better than random, because nothing collaborative was learned from the history. */
    @Test
    void usersAreRecommendedWhatUsersLikeThemLikedAndToldWhy() {
        int ownGroup = 0;
        int slots = 0;
        for (int u = 0; u < 40; u++) {
            String group = u < 20 ? "a" : "b";
            for (JsonNode item : ask("u" + u, all()).get("items")) {
                slots++;
                if (item.get("item").asText().startsWith(group)) ownGroup++;
            }
        }
        assertTrue(ownGroup > 0.9 * slots, ownGroup + " of " + slots + " slots from the user's own group");
        JsonNode first = ask("u3", all()).get("items").get(0);
        assertTrue(first.get("because").get(0).asText().startsWith("liked a"), first.toString());
    }

    /** Once: /v1/status said caught up while the learner was minutes behind, and showed nothing of it. */
    @Test
    void theLearnersPositionIsInStatusAndMetrics() throws InterruptedException {
        JsonNode s = admin.get("/v1/status").body();
        long last = s.at("/log/next_seq").asLong() - 1;
        // the learners train from the log and may be there before the stream's runner: a CI run once
        // read applied_seq -1 just after they had; the runner is given a minute to apply the log
        for (int i = 0; i < 600 && s.at("/stream/applied_seq").asLong() < last; i++) {
            Thread.sleep(100);
            s = admin.get("/v1/status").body();
        }
        assertEquals(last, s.at("/stream/applied_seq").asLong());
        assertEquals(0, s.at("/loops/movies/learner_lag_entries").asLong());
        assertEquals(last, s.at("/loops/movies/collaborative/trained_up_to_seq").asLong());
        String metrics = admin.get("/metrics").text();
        assertTrue(metrics.contains("flywheel_learner_lag_entries{loop=\"movies\"} 0.0"), metrics);
        assertTrue(metrics.contains("flywheel_model_trained_seq{loop=\"movies\",model=\"collaborative\"} " + last + ".0"), metrics);
    }
}
