package dev.flywheel.sim;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.SplittableRandom;

/**
 * Seeded product traffic for the ingest demo and benchmarks: a feed shows three articles to a user
 * (a decision with uniform propensities), the user sees them (impressions) and sometimes reacts
 * (click, then like or dislike, dwell time). Same seed, same stream.
 */
public final class TrafficGenerator {
    private final SplittableRandom rnd;
    private final ObjectMapper json = new ObjectMapper();
    private final int users;
    private final int items;
    private final String runId;
    private long counter;
    private Instant clock;

    public TrafficGenerator(long seed, int users, int items, Instant start) {
        this.rnd = new SplittableRandom(seed);
        this.users = users;
        this.items = items;
        this.clock = start;
        this.runId = Long.toString(seed, 36);
    }

    /** One feed view: the decision and the events it caused. */
    public record View(ObjectNode decision, ArrayNode events) { }

    public View next() {
        clock = clock.plusMillis(1 + rnd.nextInt(500));
        String user = "u" + rnd.nextInt(users);
        String decisionId = "d-" + runId + "-" + (counter++);
        ObjectNode d = json.createObjectNode();
        d.put("id", decisionId).put("loop", "home-feed").put("user", user).put("timestamp", clock.toString())
                .put("model", "popular-v1").put("arm", "champion");
        ArrayNode shown = d.putArray("items");
        ArrayNode events = json.createArrayNode();
        int k = 3;
        for (int pos = 1; pos <= k; pos++) {
            String item = "a" + rnd.nextInt(items);
            if (containsItem(shown, item)) continue;
            shown.addObject().put("item", item).put("position", pos).put("score", 1.0 / pos).put("propensity", 1.0 / items);
            events.add(event("impression", user, decisionId, item, null));
            react(events, user, decisionId, item, pos);
        }
        return new View(d, events);
    }

    private void react(ArrayNode events, String user, String decision, String item, int pos) {
        if (rnd.nextDouble() > 0.25 / pos) return;
        events.add(event("click", user, decision, item, null));
        events.add(event("dwell", user, decision, item, Math.round(5 + rnd.nextDouble() * 120.0) * 1.0));
        double r = rnd.nextDouble();
        if (r < 0.45) events.add(event("like", user, decision, item, null));
        else if (r < 0.6) events.add(event("dislike", user, decision, item, null));
    }

    /** A single plain event of about 200 bytes, for throughput benchmarks. */
    public ObjectNode plainEvent() {
        clock = clock.plusMillis(1);
        String user = "u" + rnd.nextInt(users);
        return event(rnd.nextInt(4) == 0 ? "click" : "impression", user, "d-" + runId + "-" + rnd.nextInt(1_000_000),
                "a" + rnd.nextInt(items), null);
    }

    private ObjectNode event(String type, String user, String decision, String item, Double value) {
        clock = clock.plusMillis(1 + rnd.nextInt(50));
        ObjectNode e = json.createObjectNode();
        e.put("id", "e-" + runId + "-" + (counter++)).put("type", type).put("timestamp", clock.toString())
                .put("user", user).put("session", "s-" + user).put("decision", decision).put("loop", "home-feed")
                .put("item", item);
        if (value != null) e.put("value", value);
        return e;
    }

    private static boolean containsItem(ArrayNode shown, String item) {
        for (var n : shown) if (n.get("item").asText().equals(item)) return true;
        return false;
    }
}
