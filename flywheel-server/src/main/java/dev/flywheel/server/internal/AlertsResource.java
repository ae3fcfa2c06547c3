package dev.flywheel.server.internal;

import dev.flywheel.json.IsoTimestamps;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.flywheel.quality.Alert;
import dev.flywheel.server.ApiException;
import dev.flywheel.server.FlywheelServer;
import io.javalin.http.Context;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Set;

/**
 * {@code GET /v1/alerts?loop=&since=&after=&limit=}: what the monitors raised, oldest first. {@code since}
 * keeps the alerts whose window ended after that time; {@code after} the alerts numbered above it (a
 * poller passes the last id it saw). Waits for the stream operators to reach what was acknowledged
 * before the request, so feedback sent before it has been judged as far as its windows have ended.
 */
public final class AlertsResource {
    private final ObjectMapper json;
    private final FlywheelServer.StreamView stream;
    private final Set<String> loops;

    public AlertsResource(ObjectMapper json, FlywheelServer.StreamView stream, Set<String> loops) {
        this.json = json;
        this.stream = stream;
        this.loops = Set.copyOf(loops);
    }

    public void handle(Context ctx) throws Exception {
        String loop = ctx.queryParam("loop");
        if (loop != null && !loops.contains(loop)) throw ApiException.badRequest("loop", "no loop named '" + loop + "' is configured");
        Instant since = since(ctx.queryParam("since"));
        long after = Queries.longParam(ctx, "after", 0, 0, Long.MAX_VALUE);
        int limit = (int) Queries.longParam(ctx, "limit", 1_000, 1, 10_000);
        stream.awaitCurrent(5_000);
        List<Alert> found = stream.alerts().list(loop == null || loop.isEmpty() ? null : loop, since, after);
        ObjectNode out = json.createObjectNode();
        ArrayNode items = out.putArray("alerts");
        for (Alert a : found.subList(0, Math.min(limit, found.size()))) write(items.addObject(), a);
        out.put("more", found.size() > limit);
        ctx.contentType("application/json").result(json.writeValueAsBytes(out));
    }

    private static Instant since(String s) {
        if (s == null || s.isEmpty()) return null;
        try {
            return IsoTimestamps.parse(s.trim());
        } catch (DateTimeParseException e) {
            throw ApiException.badRequest("since", "must be an ISO-8601 time with an offset, got '" + s + "'");
        }
    }

    /** One alert as the API and the webhook show it. */
    public static void write(ObjectNode o, Alert a) {
        o.put("id", a.id());
        o.put("loop", a.loop());
        o.put("monitor", a.monitor());
        o.putObject("window").put("start", a.windowStart().toString()).put("end", a.windowEnd().toString());
        o.put("statistic", a.statistic());
        number(o, "value", a.value());
        number(o, "threshold", a.threshold());
        o.put("detail", a.detail());
        ArrayNode users = o.putArray("users");
        a.users().forEach(users::add);
        ArrayNode items = o.putArray("items");
        a.items().forEach(items::add);
        o.put("seq", a.seq());
    }

    /** JSON has no infinity: a rate that rose from nothing is written as null. */
    private static void number(ObjectNode o, String field, double v) {
        if (Double.isFinite(v)) o.put(field, v);
        else o.putNull(field);
    }
}
