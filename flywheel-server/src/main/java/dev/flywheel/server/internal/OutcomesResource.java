package dev.flywheel.server.internal;

import dev.flywheel.json.IsoTimestamps;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.flywheel.outcome.Outcome;
import dev.flywheel.outcome.OutcomeStore;
import dev.flywheel.server.ApiException;
import dev.flywheel.server.FlywheelServer;
import io.javalin.http.Context;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;

/**
 * {@code GET /v1/outcomes?loop=&from=&to=&limit=&format=json|csv}: closed outcomes (one row per
 * served item with its reward and reactions), for inspection and export as training data.
 */
public final class OutcomesResource {
    private final ObjectMapper json;
    private final OutcomeStore store;
    private final FlywheelServer.StreamView stream;

    public OutcomesResource(ObjectMapper json, OutcomeStore store, FlywheelServer.StreamView stream) {
        this.json = json;
        this.store = store;
        this.stream = stream;
    }

    public void handle(Context ctx) throws Exception {
        String loop = ctx.queryParam("loop");
        if (loop == null || loop.isBlank()) throw ApiException.badRequest("loop", "is required");
        Instant from = time(ctx, "from", Instant.EPOCH);
        Instant to = time(ctx, "to", Instant.parse("9999-12-31T23:59:59Z"));
        int limit = (int) Queries.longParam(ctx, "limit", 10_000, 1, 1_000_000);
        String format = ctx.queryParam("format") == null ? "json" : ctx.queryParam("format");
        if (!format.equals("json") && !format.equals("csv")) throw ApiException.badRequest("format", "must be json or csv");
        stream.awaitCurrent(5_000);
        List<Outcome> rows = store.query(loop, from, to, limit);
        if (format.equals("csv")) {
            ctx.contentType("text/csv").result(csv(rows));
            return;
        }
        ObjectNode out = json.createObjectNode();
        out.put("loop", loop).put("count", rows.size());
        ArrayNode arr = out.putArray("outcomes");
        for (Outcome o : rows) write(arr.addObject(), o);
        ctx.contentType("application/json").result(json.writeValueAsBytes(out));
    }

    private static Instant time(Context ctx, String name, Instant dflt) {
        String v = ctx.queryParam(name);
        if (v == null || v.isBlank()) return dflt;
        try {
            return IsoTimestamps.parse(v);
        } catch (DateTimeParseException e) {
            throw ApiException.badRequest(name, "must be ISO-8601 with an offset, got '" + v + "'");
        }
    }

    private static void write(ObjectNode n, Outcome o) {
        n.put("decision", o.decision()).put("user", o.user()).put("item", o.item()).put("position", o.position())
                .put("propensity", o.propensity()).put("model", o.model()).put("arm", o.arm())
                .put("decided_at", o.decidedAt().toString()).put("reward", o.reward()).put("ignored", o.ignored())
                .put("late", o.lateCount());
        if (o.score() == null) n.putNull("score"); else n.put("score", o.score());
        ArrayNode r = n.putArray("reactions");
        o.reactions().forEach(r::add);
    }

    private static String csv(List<Outcome> rows) {
        StringBuilder sb = new StringBuilder("decision,user,item,position,propensity,score,model,arm,decided_at,reactions,reward,ignored,late\n");
        for (Outcome o : rows) {
            sb.append(cell(o.decision())).append(',').append(cell(o.user())).append(',').append(cell(o.item())).append(',')
              .append(o.position()).append(',').append(o.propensity()).append(',').append(o.score() == null ? "" : o.score())
              .append(',').append(cell(o.model())).append(',').append(cell(o.arm())).append(',').append(o.decidedAt())
              .append(',').append(cell(String.join(" ", o.reactions()))).append(',').append(o.reward()).append(',')
              .append(o.ignored()).append(',').append(o.lateCount()).append('\n');
        }
        return sb.toString();
    }

    /** RFC 4180: quote a cell that holds a comma, a quote or a line break. */
    private static String cell(String s) {
        if (s.indexOf(',') < 0 && s.indexOf('"') < 0 && s.indexOf('\n') < 0 && s.indexOf('\r') < 0) return s;
        return '"' + s.replace("\"", "\"\"") + '"';
    }
}
