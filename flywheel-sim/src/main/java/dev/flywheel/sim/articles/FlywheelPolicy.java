package dev.flywheel.sim.articles;

import com.fasterxml.jackson.databind.JsonNode;
import dev.flywheel.loop.Choice;
import dev.flywheel.loop.DecideRequest;
import dev.flywheel.loop.LoopPolicy;
import dev.flywheel.loop.Slate;
import dev.flywheel.sim.SimClock;
import dev.flywheel.sim.client.FlywheelClient;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Flywheel's own policy, reached the way a product reaches it: {@code decide} over HTTP for every
 * slate, and the user's reactions posted back as events carrying the decision id.
 */
public final class FlywheelPolicy implements LoopPolicy, FeedbackObserver {
    private final FlywheelClient decide;
    private final FlywheelClient ingest;
    private final String loop;
    private final SimClock clock;
    private final Map<String, String> lastDecision = new HashMap<>();
    private long events;
    private long behind;
    private long maxLag;
    private RoundServing.Counter round = new RoundServing.Counter();

    public FlywheelPolicy(FlywheelClient decide, FlywheelClient ingest, String loop, SimClock clock) {
        this.decide = decide;
        this.ingest = ingest;
        this.loop = loop;
        this.clock = clock;
    }

    @Override
    public Choice decide(DecideRequest request, Instant now) {
        clock.advanceTo(now);
        FlywheelClient.Answer a = decide.post("/v1/loops/" + loop + "/decide",
                Map.of("user", request.user(), "candidates", request.candidates(), "k", request.k()));
        if (a.status() != 200) throw new IllegalStateException("decide failed: HTTP " + a.status() + " " + a.text());
        lastDecision.put(request.user(), a.body().get("decision").asText());
        long lag = a.body().path("stream_lag").asLong(0);
        if (lag > 0) {
            behind++;
            maxLag = Math.max(maxLag, lag);
        }
        List<Slate.Slot> slots = new ArrayList<>(request.k());
        for (JsonNode item : a.body().get("items")) {
            slots.add(new Slate.Slot(item.get("item").asText(), item.get("score").asDouble(), item.get("propensity").asDouble()));
        }
        round.count(a.body().get("model").asText() + "/" + a.body().get("arm").asText(), slots);
        return new Choice(a.body().get("model").asText(), a.body().get("arm").asText(),
                a.body().path("arm_probability").asDouble(1), a.body().path("period").asInt(0), new Slate(slots),
                request.candidates(), List.of(), List.of());
    }

    @Override
    public void observe(Feedback feedback) {
        String decision = lastDecision.remove(feedback.user());
        List<Map<String, Object>> batch = new ArrayList<>(feedback.events().size());
        int i = 0;
        for (Reaction r : feedback.events()) {
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("id", "sim-" + decision + "-" + (i++));
            e.put("type", r.type());
            // reactions follow the decision by seconds, in the order they happened
            e.put("timestamp", feedback.time().plusSeconds(i).toString());
            e.put("user", feedback.user());
            e.put("decision", decision);
            e.put("loop", loop);
            e.put("item", r.item());
            if (r.value() != null) e.put("value", r.value());
            batch.add(e);
        }
        if (batch.isEmpty()) return;
        FlywheelClient.Answer a = ingest.post("/v1/events", Map.of("events", batch));
        if (a.status() != 200 || a.body().get("rejected").size() > 0) {
            throw new IllegalStateException("events refused: HTTP " + a.status() + " " + a.text());
        }
        events += batch.size();
    }

    /** Posts every article of the world to the catalog, as a product would publish its articles. */
    public static void publishCatalog(ArticleWorld world, FlywheelClient ingest) {
        List<Map<String, Object>> items = new ArrayList<>();
        for (Article a : world.articles()) {
            items.add(Map.of("id", a.id(), "title", a.title(), "body", a.body(),
                    "topics", a.topics().stream().map(t -> "t" + t).toList(), "published", a.publishedAt().toString()));
        }
        FlywheelClient.Answer r = ingest.post("/v1/items", Map.of("items", items));
        if (r.status() != 200 || r.body().get("accepted").asInt() != items.size()) {
            throw new IllegalStateException("catalog refused: " + r.text());
        }
    }

    /** How the engine served since the last call (a round of the world), and starts counting again. */
    public RoundServing takeRound() {
        RoundServing r = round.done();
        round = new RoundServing.Counter();
        return r;
    }

    public long eventsSent() {
        return events;
    }

    /**
     * Decisions the engine answered further behind its log than its {@code server.decide_max_lag}
     * allows ({@code stream_lag} in the answer): ranked with feedback missing, so a round with many
     * of them does not measure the learner.
     */
    public long decisionsBehind() {
        return behind;
    }

    /** The largest {@code stream_lag} answered so far, in log entries. */
    public long maxStreamLag() {
        return maxLag;
    }
}
