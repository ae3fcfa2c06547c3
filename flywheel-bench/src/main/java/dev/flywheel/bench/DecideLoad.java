package dev.flywheel.bench;

import com.fasterxml.jackson.databind.JsonNode;
import dev.flywheel.sim.articles.ArticleWorld;
import dev.flywheel.sim.articles.FlywheelPolicy;
import dev.flywheel.sim.articles.Reaction;
import dev.flywheel.sim.articles.SlotReaction;
import dev.flywheel.sim.articles.WorldConfig;
import dev.flywheel.sim.client.FlywheelClient;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The set-up and the Java-driven parts of the decide benchmark: the article world's catalog, warm
 * traffic through the API (decisions and the world's reactions to them, so profiles, item counts
 * and seen sets exist), and feedback-to-feature latency. The load itself is wrk ({@link WrkDecide}).
 */
public final class DecideLoad {
    private final FlywheelClient client;
    private final String loop;
    private final ArticleWorld world;
    private final List<String> candidates;

    public DecideLoad(FlywheelClient client, String loop, int articles, int users, int candidates) {
        this.client = client;
        this.loop = loop;
        this.world = ArticleWorld.generate(WorldConfig.defaults(20_261_127L).withSize(articles, users));
        List<String> ids = world.articles().stream().map(a -> a.id()).toList();
        List<String> picked = new ArrayList<>(candidates);
        // spread over the catalog, so the list mixes topics and publication times
        for (int i = 0; i < candidates; i++) picked.add(ids.get((int) ((long) i * ids.size() / candidates)));
        this.candidates = List.copyOf(picked);
    }

    public List<String> candidates() {
        return candidates;
    }

    public List<String> users() {
        return world.users().stream().map(u -> u.id()).toList();
    }

    public void publishCatalog() {
        FlywheelPolicy.publishCatalog(world, client);
    }

    /** {@code decisions} decide calls over the users in turn, each followed by the world's reactions. */
    public long warm(int decisions, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        List<String> users = users();
        long events = 0;
        for (int i = 0; i < decisions; i++) {
            String user = users.get(i % users.size());
            JsonNode a = decide(user, candidates, 10, false);
            String decision = a.get("decision").asText();
            List<String> slate = new ArrayList<>();
            for (JsonNode item : a.get("items")) slate.add(item.get("item").asText());
            events += postReactions(user, decision, world.react(user, slate, rng));
        }
        return events;
    }

    private int postReactions(String user, String decision, List<SlotReaction> reactions) {
        List<Map<String, Object>> batch = new ArrayList<>();
        Instant now = Instant.now();
        for (SlotReaction s : reactions) {
            for (Reaction r : s.events()) {
                if (Reaction.IMPRESSION.equals(r.type())) continue; // the decision already logged it
                Map<String, Object> e = new LinkedHashMap<>();
                e.put("id", decision + "-" + batch.size());
                e.put("type", r.type());
                e.put("timestamp", now.toString());
                e.put("user", user);
                e.put("decision", decision);
                e.put("loop", loop);
                e.put("item", r.item());
                if (r.value() != null) e.put("value", r.value());
                batch.add(e);
            }
        }
        if (batch.isEmpty()) return 0;
        FlywheelClient.Answer r = client.post("/v1/events", Map.of("events", batch));
        if (r.status() != 200) throw new IllegalStateException("events refused: HTTP " + r.status() + " " + r.text());
        return batch.size();
    }

    /**
     * Milliseconds from posting a like of a never-judged (user, item) until a decide for that user
     * explains the item with {@code judged = 1}, one fresh user per trial.
     */
    public double[] feedbackToFeature(int trials) {
        double[] out = new double[trials];
        for (int i = 0; i < trials; i++) {
            String user = "fl-" + System.nanoTime() + "-" + i;
            String item = candidates.get(i % candidates.size());
            long t0 = System.nanoTime();
            Map<String, Object> like = Map.of("id", user + "-like", "type", "like", "timestamp", Instant.now().toString(),
                    "user", user, "loop", loop, "item", item);
            FlywheelClient.Answer r = client.post("/v1/events", like);
            if (r.status() != 200) throw new IllegalStateException("like refused: HTTP " + r.status() + " " + r.text());
            while (judged(decide(user, List.of(item), 1, true)) != 1.0) {
                if (System.nanoTime() - t0 > 30_000_000_000L) throw new IllegalStateException("feature never reflected the like");
            }
            out[i] = (System.nanoTime() - t0) / 1e6;
        }
        Arrays.sort(out);
        return out;
    }

    private static double judged(JsonNode answer) {
        return answer.get("items").get(0).get("features").get("judged").asDouble();
    }

    private JsonNode decide(String user, List<String> pool, int k, boolean explain) {
        FlywheelClient.Answer a = client.post("/v1/loops/" + loop + "/decide",
                Map.of("user", user, "candidates", pool, "k", k, "explain", explain));
        if (a.status() != 200) throw new IllegalStateException("decide failed: HTTP " + a.status() + " " + a.text());
        return a.body();
    }

    /** The value at quantile {@code q} of sorted values (nearest rank). */
    public static double quantile(double[] sorted, double q) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(q * sorted.length) - 1)];
    }
}
