package dev.flywheel.server.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.flywheel.event.FieldError;
import dev.flywheel.ingest.Materializer;
import dev.flywheel.log.LogEntry;
import dev.flywheel.log.RecordStore;
import dev.flywheel.log.Rejected;
import io.javalin.http.Context;
import java.time.Instant;
import java.util.function.LongSupplier;

/** {@code GET /v1/quarantine?offset=&limit=}: refused inputs, newest first, with reason and time. */
public final class QuarantineResource {
    private final ObjectMapper json;
    private final RecordStore store;
    private final Materializer materializer;
    private final LongSupplier total;

    public QuarantineResource(ObjectMapper json, RecordStore store, Materializer materializer, LongSupplier total) {
        this.json = json;
        this.store = store;
        this.materializer = materializer;
        this.total = total;
    }

    public void handle(Context ctx) throws Exception {
        long offset = Queries.longParam(ctx, "offset", 0, 0, Long.MAX_VALUE);
        int limit = (int) Queries.longParam(ctx, "limit", 100, 1, 1_000);
        // read your writes: what was answered before this request is in the listing
        if (materializer != null) materializer.awaitCurrent(5_000);
        ObjectNode out = json.createObjectNode();
        out.put("total", total.getAsLong());
        out.put("offset", offset);
        out.put("limit", limit);
        ArrayNode items = out.putArray("items");
        for (LogEntry.QuarantineEntry q : store.quarantine(offset, limit)) write(items.addObject(), q);
        ctx.contentType("application/json").result(json.writeValueAsBytes(out));
    }

    private static void write(ObjectNode o, LogEntry.QuarantineEntry q) {
        Rejected r = q.rejected();
        o.put("seq", q.seq());
        o.put("received", Instant.ofEpochMilli(q.receivedMillis()).toString());
        o.put("source", r.source());
        o.put("index", r.index());
        if (r.recordId() == null) o.putNull("id"); else o.put("id", r.recordId());
        o.put("reason", r.reason());
        ArrayNode errs = o.putArray("errors");
        for (FieldError f : r.errors()) errs.addObject().put("field", f.field()).put("message", f.message());
        if (r.raw() == null) o.putNull("raw"); else o.put("raw", r.raw());
    }
}
