package dev.flywheel.server.internal;

import dev.flywheel.json.Fields;
import dev.flywheel.json.IsoTimestamps;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.flywheel.event.FieldError;
import dev.flywheel.model.VersionRecord;
import dev.flywheel.rollout.Allocation;
import dev.flywheel.rollout.AuditRecord;
import dev.flywheel.rollout.AuditRecord.Action;
import dev.flywheel.rollout.ModelLifecycle;
import dev.flywheel.server.ApiException;
import io.javalin.http.Context;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;

/**
 * The registry of a loop's model versions: {@code GET /v1/loops/{loop}/versions[/{v}]}, the admin's
 * {@code POST .../versions/{v}/promote|rollback|pause|canary} (pause holds a canary; canary starts
 * one, or resumes a paused one), {@code PUT /v1/loops/{loop}/rollout} (the split),
 * {@code GET /v1/loops/{loop}/state?at=} (who held which arm then) and {@code GET .../audit}. A change
 * is recorded with the key that made it and the reason in the body.
 */
public final class VersionsResource {
    private final ObjectMapper json;
    private final ModelLifecycle lifecycle;

    public VersionsResource(ObjectMapper json, ModelLifecycle lifecycle) {
        this.json = json;
        this.lifecycle = lifecycle;
    }

    public void list(Context ctx) throws Exception {
        String loop = loop(ctx);
        ObjectNode out = json.createObjectNode().put("loop", loop);
        lifecycle.read(loop, l -> {
            LifecycleJson.state(out.putObject("state"), l.state());
            ArrayNode versions = out.putArray("versions");
            l.versions().values().forEach(v -> LifecycleJson.version(versions.addObject(), v, l));
            return null;
        });
        ctx.contentType("application/json").result(json.writeValueAsBytes(out));
    }

    public void get(Context ctx) throws Exception {
        String loop = loop(ctx);
        String version = ctx.pathParam("version");
        ObjectNode out = json.createObjectNode().put("loop", loop);
        lifecycle.read(loop, l -> {
            VersionRecord v = l.versions().get(version);
            if (v == null) throw new ApiException(404, "no version " + version + " in loop " + loop, List.of(new FieldError("version", "unknown")));
            LifecycleJson.version(out, v, l);
            ArrayNode audit = out.putArray("audit");
            l.audit().stream().filter(r -> version.equals(r.version())).forEach(r -> LifecycleJson.audit(audit.addObject(), r));
            return null;
        });
        ctx.contentType("application/json").result(json.writeValueAsBytes(out));
    }

    public void promote(Context ctx) throws Exception {
        change(ctx, Action.PROMOTE);
    }

    public void rollback(Context ctx) throws Exception {
        change(ctx, Action.ROLLBACK);
    }

    public void pause(Context ctx) throws Exception {
        change(ctx, Action.PAUSE);
    }

    public void canary(Context ctx) throws Exception {
        change(ctx, Action.CANARY);
    }

    private void change(Context ctx, Action action) throws Exception {
        String loop = loop(ctx);
        String reason = reason(ctx);
        AuditRecord r;
        try {
            r = lifecycle.change(loop, action, ctx.pathParam("version"), "key:" + Guard.keyId(ctx), reason, Map.of());
        } catch (NoSuchElementException e) {
            throw new ApiException(404, e.getMessage(), List.of(new FieldError("version", "unknown")));
        } catch (IllegalStateException e) {
            throw new ApiException(409, e.getMessage(), List.of(new FieldError("version", e.getMessage())));
        }
        answer(ctx, r);
    }

    public void allocate(Context ctx) throws Exception {
        String loop = loop(ctx);
        JsonNode body = json.readTree(Bodies.read(ctx, 1 << 16));
        if (body == null || !body.isObject()) throw ApiException.badRequest("body", "must be a JSON object with canary, holdout and shadow");
        List<FieldError> errors = new java.util.ArrayList<>();
        Fields f = new Fields(body, "", errors);
        f.only(Set.of("canary", "holdout", "shadow", "reason"), "");
        Double canary = f.number("canary");
        Double holdout = f.number("holdout");
        JsonNode shadow = body.get("shadow");
        if (shadow != null && !shadow.isBoolean()) f.fail("shadow", "must be true or false");
        if (!errors.isEmpty()) throw new ApiException(400, errors.get(0).field() + ": " + errors.get(0).message(), errors);
        Allocation now = lifecycle.read(loop, l -> l.state().allocation());
        Allocation next;
        try {
            next = new Allocation(canary == null ? now.canary() : canary, holdout == null ? now.holdout() : holdout,
                    shadow == null ? now.shadow() : shadow.asBoolean());
        } catch (IllegalArgumentException e) {
            String field = e.getMessage().startsWith("canary") ? "canary" : "holdout";
            throw ApiException.badRequest(field, e.getMessage());
        }
        String reason = body.path("reason").asText("");
        answer(ctx, lifecycle.allocate(loop, next, "key:" + Guard.keyId(ctx), reason));
    }

    public void state(Context ctx) throws Exception {
        String loop = loop(ctx);
        String at = ctx.queryParam("at");
        Instant t;
        try {
            t = at == null ? null : IsoTimestamps.parse(at);
        } catch (DateTimeParseException e) {
            throw ApiException.badRequest("at", "must be an ISO-8601 timestamp with an offset, got " + at);
        }
        ObjectNode out = json.createObjectNode().put("loop", loop).put("at", t == null ? null : t.toString());
        lifecycle.read(loop, l -> {
            LifecycleJson.state(out, t == null ? l.state() : l.stateAt(t));
            return null;
        });
        ctx.contentType("application/json").result(json.writeValueAsBytes(out));
    }

    public void audit(Context ctx) throws Exception {
        String loop = loop(ctx);
        ObjectNode out = json.createObjectNode().put("loop", loop);
        ArrayNode records = out.putArray("audit");
        lifecycle.read(loop, l -> {
            l.audit().forEach(r -> LifecycleJson.audit(records.addObject(), r));
            return null;
        });
        ctx.contentType("application/json").result(json.writeValueAsBytes(out));
    }

    private String loop(Context ctx) {
        String loop = ctx.pathParam("loop");
        if (!lifecycle.serves(loop)) {
            throw new ApiException(404, "no loop named " + loop + " is served by Flywheel (external loops have no versions)",
                    List.of(new FieldError("loop", "unknown")));
        }
        return loop;
    }

    private String reason(Context ctx) throws Exception {
        byte[] body = Bodies.read(ctx, 1 << 16);
        if (body.length == 0) return "";
        JsonNode n = json.readTree(body);
        if (n == null || n.isNull()) return "";
        if (!n.isObject()) throw ApiException.badRequest("body", "must be a JSON object, e.g. {\"reason\": \"...\"}");
        JsonNode r = n.get("reason");
        if (r != null && !r.isTextual()) throw ApiException.badRequest("reason", "must be a string");
        return r == null ? "" : r.textValue();
    }

    private void answer(Context ctx, AuditRecord r) throws Exception {
        ObjectNode out = json.createObjectNode();
        LifecycleJson.audit(out.putObject("audit"), r);
        lifecycle.read(r.loop(), l -> {
            LifecycleJson.state(out.putObject("state"), l.state());
            return null;
        });
        ctx.contentType("application/json").result(json.writeValueAsBytes(out));
    }
}
