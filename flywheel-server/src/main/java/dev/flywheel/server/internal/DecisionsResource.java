package dev.flywheel.server.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.flywheel.decision.Decision;
import dev.flywheel.decision.ServedItem;
import dev.flywheel.decision.ShadowRanking;
import dev.flywheel.event.Event;
import dev.flywheel.event.FieldError;
import dev.flywheel.feature.ServedFeatures;
import dev.flywheel.ingest.Materializer;
import dev.flywheel.log.LogAppender;
import dev.flywheel.outcome.Outcome;
import dev.flywheel.server.ApiException;
import dev.flywheel.server.FlywheelServer;
import io.javalin.http.Context;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /v1/decisions/{id}}: time travel to one decision. The decision as logged (version, arm
 * and its probability, period, candidates, served items with scores and propensities, shadow
 * rankings), each served item's feature values as of the decision (kept when it was made, not
 * recomputed), and its outcome with the events behind it.
 */
public final class DecisionsResource {
    private final ObjectMapper json;
    private final FlywheelServer.Lifecycle lifecycle;
    private final Materializer materializer;
    private final LogAppender log;

    public DecisionsResource(ObjectMapper json, FlywheelServer.Lifecycle lifecycle, Materializer materializer, LogAppender log) {
        this.json = json;
        this.lifecycle = lifecycle;
        this.materializer = materializer;
        this.log = log;
    }

    public void get(Context ctx) throws Exception {
        String id = ctx.pathParam("id");
        // a decision just answered is in the log; let the store catch up with it before looking
        if (materializer != null) materializer.awaitSeq(log.nextSeq() - 1, 2_000);
        Decision d = lifecycle.require(lifecycle.decisions(), "the decision history").decision(id).orElseThrow(() -> new ApiException(404,
                "no decision " + id + " (or the store has not caught up with it yet)", List.of(new FieldError("id", "unknown"))));
        ObjectNode out = json.createObjectNode().put("id", d.id()).put("loop", d.loop()).put("user", d.user())
                .put("timestamp", d.timestamp().toString()).put("version", d.model()).put("arm", d.arm())
                .put("period", d.period());
        if (d.armProbability() != null) out.put("arm_probability", d.armProbability());
        ArrayNode candidates = out.putArray("candidates");
        d.candidates().forEach(candidates::add);
        items(out.putArray("items"), d);
        ArrayNode shadows = out.putArray("shadows");
        for (ShadowRanking r : d.shadows()) served(shadows.addObject().put("version", r.version()).putArray("items"), r.items());
        outcome(out, d);
        ctx.contentType("application/json").result(json.writeValueAsBytes(out));
    }

    private void items(ArrayNode arr, Decision d) {
        Map<String, ServedFeatures> features = new HashMap<>();
        for (ServedFeatures f : lifecycle.features().get(d.id())) features.put(f.item(), f);
        List<String> names = lifecycle.registry().serves(d.loop()) ? lifecycle.registry().served(d.loop()).spec().featureNames() : List.of();
        for (ServedItem s : d.items()) {
            ObjectNode o = item(arr.addObject(), s);
            ServedFeatures f = features.get(s.item());
            if (f == null) continue;
            ObjectNode fv = o.putObject("features");
            double[] v = f.values();
            for (int i = 0; i < v.length; i++) fv.put(i < names.size() ? names.get(i) : "f" + i, v[i]);
        }
    }

    private static void served(ArrayNode arr, List<ServedItem> items) {
        for (ServedItem s : items) item(arr.addObject(), s);
    }

    private static ObjectNode item(ObjectNode o, ServedItem s) {
        o.put("item", s.item()).put("position", s.position()).put("propensity", s.propensity());
        if (s.score() != null) o.put("score", s.score());
        return o;
    }

    private void outcome(ObjectNode out, Decision d) {
        List<Outcome> outcomes = lifecycle.decisions().outcomes(d.id());
        ObjectNode o = out.putObject("outcome").put("closed", !outcomes.isEmpty());
        double reward = 0;
        ArrayNode items = o.putArray("items");
        for (Outcome x : outcomes) {
            reward += x.reward();
            ObjectNode i = items.addObject().put("item", x.item()).put("reward", x.reward()).put("ignored", x.ignored());
            ArrayNode reactions = i.putArray("reactions");
            x.reactions().forEach(reactions::add);
        }
        o.put("reward", reward);
        ArrayNode events = o.putArray("events");
        for (Event e : lifecycle.decisions().events(d.id())) {
            ObjectNode ev = events.addObject().put("id", e.id()).put("type", e.type()).put("timestamp", e.timestamp().toString())
                    .put("item", e.item());
            if (e.value() != null) ev.put("value", e.value());
        }
    }
}
