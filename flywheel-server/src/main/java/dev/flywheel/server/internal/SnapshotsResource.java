package dev.flywheel.server.internal;

import dev.flywheel.json.Fields;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.flywheel.event.FieldError;
import dev.flywheel.model.TrainedFactors;
import dev.flywheel.model.TrainingSnapshot;
import dev.flywheel.model.VersionRecord;
import dev.flywheel.rollout.AuditRecord.Action;
import dev.flywheel.server.ApiException;
import dev.flywheel.server.FlywheelServer;
import io.javalin.http.Context;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Training snapshots and training by hand: {@code POST /v1/loops/{loop}/snapshots} cuts one,
 * {@code GET} lists them, {@code GET /v1/snapshots/{id}} shows a manifest, and
 * {@code POST /v1/loops/{loop}/versions} trains a version from a snapshot (a new one unless named),
 * frozen or online ({@code mode}, by default the loop's {@code rollout.retrain.mode}), registers it
 * and, unless told otherwise, starts it in shadow; {@code POST /v1/loops/{loop}/versions/factors}
 * does the same with a factorisation trained outside the engine (Spark).
 */
public final class SnapshotsResource {
    private final ObjectMapper json;
    private final FlywheelServer.Lifecycle lifecycle;

    private final long maxFactorsBytes;

    public SnapshotsResource(ObjectMapper json, FlywheelServer.Lifecycle lifecycle, long maxFactorsBytes) {
        this.json = json;
        this.lifecycle = lifecycle;
        this.maxFactorsBytes = maxFactorsBytes;
    }

    public void create(Context ctx) throws Exception {
        String loop = loop(ctx);
        TrainingSnapshot s = lifecycle.require(lifecycle.retrainer(), "the retrainer").snapshot(loop);
        answer(ctx, manifest(s));
    }

    public void list(Context ctx) throws Exception {
        String loop = loop(ctx);
        ObjectNode out = json.createObjectNode().put("loop", loop);
        ArrayNode arr = out.putArray("snapshots");
        for (TrainingSnapshot s : lifecycle.snapshots().list()) if (s.loop().equals(loop)) arr.add(manifest(s));
        answer(ctx, out);
    }

    public void get(Context ctx) throws Exception {
        try {
            answer(ctx, manifest(lifecycle.snapshots().get(ctx.pathParam("id"))));
        } catch (NoSuchElementException e) {
            throw new ApiException(404, e.getMessage(), List.of(new FieldError("id", "unknown")));
        }
    }

    public void train(Context ctx) throws Exception {
        String loop = loop(ctx);
        lifecycle.require(lifecycle.retrainer(), "the retrainer");
        byte[] raw = Bodies.read(ctx, 1 << 16);
        JsonNode body = raw.length == 0 ? json.createObjectNode() : json.readTree(raw);
        if (body == null || !body.isObject()) throw ApiException.badRequest("body", "must be a JSON object");
        List<FieldError> errors = new java.util.ArrayList<>();
        Fields f = new Fields(body, "", errors);
        f.only(Set.of("snapshot", "start", "mode", "reason"), "");
        String snapshot = f.key("snapshot");
        String start = body.path("start").asText("shadow");
        if (!start.equals("shadow") && !start.equals("none")) f.fail("start", "must be shadow or none");
        VersionRecord.Mode mode = mode(body.get("mode"), loop, f);
        if (!errors.isEmpty()) throw new ApiException(400, errors.get(0).field() + ": " + errors.get(0).message(), errors);
        TrainingSnapshot snap = snapshot == null ? lifecycle.retrainer().snapshot(loop) : snapshot(loop, snapshot);
        String reason = body.path("reason").asText("trained by hand");
        register(ctx, loop, () -> lifecycle.retrainer().train(loop, snap, "manual", mode), start, reason);
    }

    /**
     * {@code POST /v1/loops/{loop}/versions/factors?snapshot=ID}: a version trained from the snapshot
     * with the factorisation in the body ({@link TrainedFactors#toBytes}, e.g. written by Spark's
     * trainer), registered and, unless {@code start=none}, started in shadow; answered as {@link #train}.
     */
    public void trainWithFactors(Context ctx) throws Exception {
        String loop = loop(ctx);
        lifecycle.require(lifecycle.retrainer(), "the retrainer");
        String snapshot = ctx.queryParam("snapshot");
        if (snapshot == null || snapshot.isBlank()) throw ApiException.badRequest("snapshot", "is required (the snapshot the factors were trained on)");
        String start = Objects.requireNonNullElse(ctx.queryParam("start"), "shadow");
        if (!start.equals("shadow") && !start.equals("none")) throw ApiException.badRequest("start", "must be shadow or none");
        String reason = ctx.queryParam("reason");
        TrainingSnapshot snap = snapshot(loop, snapshot);
        TrainedFactors factors;
        try {
            factors = TrainedFactors.fromBytes(Bodies.read(ctx, maxFactorsBytes, "server.max_factors_bytes"));
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("factors", e.getMessage());
        }
        String why = reason != null ? reason : "factors trained by " + factors.trainer();
        register(ctx, loop, () -> {
            try {
                return lifecycle.retrainer().train(loop, snap, "manual", factors);
            } catch (IllegalArgumentException e) {
                // trained on another snapshot, or on other users and items than it holds
                throw ApiException.badRequest("factors", e.getMessage());
            }
        }, start, why);
    }

    /** Snapshot {@code id} of {@code loop}: 404 when unknown, 400 when it is another loop's. */
    private TrainingSnapshot snapshot(String loop, String id) {
        TrainingSnapshot snap;
        try {
            snap = lifecycle.snapshots().get(id);
        } catch (NoSuchElementException e) {
            throw new ApiException(404, e.getMessage(), List.of(new FieldError("snapshot", "unknown")));
        }
        if (!snap.loop().equals(loop)) throw ApiException.badRequest("snapshot", "is a snapshot of loop " + snap.loop());
        return snap;
    }

    /** Registers the version {@code training} makes, starts it in shadow unless {@code start} is none, answers it. */
    private void register(Context ctx, String loop, Supplier<VersionRecord> training, String start, String reason) throws Exception {
        String actor = "key:" + Guard.keyId(ctx);
        VersionRecord v;
        try {
            v = lifecycle.registry().register(training.get(), actor, reason);
            if (start.equals("shadow")) lifecycle.registry().change(loop, Action.SHADOW, v.version(), actor, reason, Map.of());
        } catch (UnsupportedOperationException e) {
            throw new ApiException(409, e.getMessage(), List.of(new FieldError("loop", "its model is not trained from snapshots")));
        } catch (IllegalStateException e) {
            throw new ApiException(409, e.getMessage(), List.of(new FieldError("start", e.getMessage())));
        }
        ObjectNode out = json.createObjectNode();
        lifecycle.registry().read(loop, l -> {
            LifecycleJson.version(out, v, l);
            return null;
        });
        answer(ctx, out);
    }

    /** The body's {@code mode} (frozen or online), or the loop's {@code rollout.retrain.mode} when it has none. */
    private VersionRecord.Mode mode(JsonNode mode, String loop, Fields f) {
        if (mode == null || mode.isNull()) return lifecycle.registry().served(loop).rollout().retrain().mode();
        if (mode.isTextual() && mode.textValue().equals("frozen")) return VersionRecord.Mode.FROZEN;
        if (mode.isTextual() && mode.textValue().equals("online")) return VersionRecord.Mode.ONLINE;
        f.fail("mode", "must be frozen or online");
        return null;
    }

    private ObjectNode manifest(TrainingSnapshot s) {
        ObjectNode o = json.createObjectNode().put("id", s.id()).put("loop", s.loop()).put("from_seq", s.fromSeq())
                .put("to_seq", s.toSeq()).put("from", s.from() == null ? null : s.from().toString())
                .put("to", s.to() == null ? null : s.to().toString()).put("rows", s.rows()).put("excluded", s.excluded())
                .put("created", s.created().toString()).put("file", lifecycle.snapshots().location(s.id()));
        ArrayNode schema = o.putArray("schema");
        s.schema().forEach(schema::add);
        ArrayNode features = o.putArray("features");
        s.features().forEach(features::add);
        return o;
    }

    private String loop(Context ctx) {
        String loop = ctx.pathParam("loop");
        if (!lifecycle.registry().serves(loop)) {
            throw new ApiException(404, "no loop named " + loop + " is served by Flywheel", List.of(new FieldError("loop", "unknown")));
        }
        return loop;
    }

    private void answer(Context ctx, ObjectNode o) throws Exception {
        ctx.contentType("application/json").result(json.writeValueAsBytes(o));
    }
}
