package dev.flywheel.server.internal;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.flywheel.event.FieldError;
import dev.flywheel.ingest.IngestBatch;
import dev.flywheel.ingest.IngestPipeline;
import dev.flywheel.ingest.IngestResult;
import dev.flywheel.json.JsonBodies;
import dev.flywheel.json.RecordReader;
import dev.flywheel.log.Rejected;
import dev.flywheel.server.ApiException;
import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiConsumer;

/**
 * {@code POST /v1/events} and {@code POST /v1/decisions}: one record or a batch under the kind's
 * field. Each record is accepted, a duplicate, or rejected with its field errors; a body that is no
 * record at all is refused whole. Either way the refused input is quarantined before the answer.
 */
public final class IngestResource {
    private final RecordReader reader;
    private final IngestPipeline pipeline;
    private final ObjectMapper json;
    private final long maxBody;
    private final int maxBatch;
    private final BiConsumer<Context, Throwable> errors;

    public IngestResource(RecordReader reader, IngestPipeline pipeline, ObjectMapper json, long maxBody,
                          int maxBatch, BiConsumer<Context, Throwable> errors) {
        this.reader = reader;
        this.pipeline = pipeline;
        this.json = json;
        this.maxBody = maxBody;
        this.maxBatch = maxBatch;
        this.errors = errors;
    }

    public void handle(Context ctx) {
        byte[] body;
        try {
            body = Bodies.read(ctx, maxBody);
        } catch (ApiException e) {
            refuseWhole(ctx, e, null);
            return;
        }
        JsonNode root;
        try {
            root = body.length == 0 ? null : json.readTree(body);
        } catch (JacksonException e) {
            refuseWhole(ctx, ApiException.badRequest("body", "is not valid JSON: " + e.getOriginalMessage()), body);
            return;
        } catch (java.io.IOException e) {
            refuseWhole(ctx, ApiException.badRequest("body", "could not be read: " + e.getMessage()), body);
            return;
        }
        List<JsonNode> nodes;
        try {
            nodes = records(root);
        } catch (ApiException e) {
            refuseWhole(ctx, e, body);
            return;
        }
        IngestBatch batch = parse(nodes);
        answer(ctx, pipeline.submit(batch).thenAccept(r -> ctx.contentType("application/json").result(render(r))));
    }

    private List<JsonNode> records(JsonNode root) {
        try {
            return JsonBodies.records(root, reader, maxBatch);
        } catch (JsonBodies.Refused r) {
            throw ApiException.badRequest(r.error().field(), r.error().message());
        }
    }

    private IngestBatch parse(List<JsonNode> nodes) {
        JsonBodies.Read read = JsonBodies.read(nodes, reader);
        return new IngestBatch(read.accepted(), read.rejected());
    }

    /** Quarantines a body refused whole, then answers with the refusal. */
    private void refuseWhole(Context ctx, ApiException e, byte[] body) {
        String raw = body == null ? null : new String(body, 0, Math.min(body.length, Rejected.MAX_RAW_CHARS), StandardCharsets.UTF_8);
        List<FieldError> why = e.errors().isEmpty() ? List.of(new FieldError("body", e.getMessage())) : e.errors();
        Rejected rej = new Rejected("request", -1, null, why, raw);
        answer(ctx, pipeline.submit(new IngestBatch(List.of(), List.of(rej))).thenAccept(r -> { throw e; }));
    }

    private void answer(Context ctx, CompletableFuture<Void> work) {
        ctx.future(() -> work.handle((ok, t) -> {
            if (t != null) errors.accept(ctx, t);
            return null;
        }));
    }

    private byte[] render(IngestResult r) {
        ObjectNode out = json.createObjectNode();
        out.put("accepted", r.accepted());
        out.put("duplicates", r.duplicates());
        ArrayNode rejected = out.putArray("rejected");
        for (Rejected rej : r.rejected()) {
            ObjectNode o = rejected.addObject();
            o.put("index", rej.index());
            if (rej.recordId() != null) o.put("id", rej.recordId()); else o.putNull("id");
            ArrayNode errs = o.putArray("errors");
            for (FieldError f : rej.errors()) errs.addObject().put("field", f.field()).put("message", f.message());
        }
        try {
            return json.writeValueAsBytes(out);
        } catch (JacksonException e) {
            throw new IllegalStateException(e);
        }
    }
}
