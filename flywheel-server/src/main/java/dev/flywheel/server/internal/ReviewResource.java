package dev.flywheel.server.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.flywheel.review.ReviewTask;
import dev.flywheel.review.ReviewTasks;
import dev.flywheel.server.ApiException;
import dev.flywheel.server.FlywheelServer;
import io.javalin.http.Context;
import java.util.Set;

/**
 * {@code GET /v1/review/tasks?loop=&status=&offset=&limit=}: the review tasks alerts made, by id.
 * Waits for the stream operators to reach what was acknowledged before the request, so the alerts
 * that feedback sent before it raised have made their tasks.
 */
public final class ReviewResource {
    private final ObjectMapper json;
    private final ReviewTasks tasks;
    private final FlywheelServer.StreamView stream;
    private final Set<String> loops;

    public ReviewResource(ObjectMapper json, ReviewTasks tasks, FlywheelServer.StreamView stream, Set<String> loops) {
        this.json = json;
        this.tasks = tasks;
        this.stream = stream;
        this.loops = Set.copyOf(loops);
    }

    public void list(Context ctx) throws Exception {
        String loop = ctx.queryParam("loop");
        if (loop != null && loop.isEmpty()) loop = null;
        if (loop != null && !loops.contains(loop)) throw ApiException.badRequest("loop", "no loop named '" + loop + "' is configured");
        ReviewTask.Status status = status(ctx.queryParam("status"));
        long offset = Queries.longParam(ctx, "offset", 0, 0, Long.MAX_VALUE);
        int limit = (int) Queries.longParam(ctx, "limit", 100, 1, 1_000);
        stream.awaitCurrent(5_000);
        ObjectNode out = json.createObjectNode();
        out.put("total", tasks.count(loop, status));
        out.put("offset", offset);
        out.put("limit", limit);
        ArrayNode items = out.putArray("tasks");
        for (ReviewTask t : tasks.list(loop, status, offset, limit)) write(items.addObject(), t);
        ctx.contentType("application/json").result(json.writeValueAsBytes(out));
    }

    private static ReviewTask.Status status(String s) {
        if (s == null || s.isEmpty()) return null;
        try {
            return ReviewTask.Status.parse(s.trim());
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("status", e.getMessage());
        }
    }

    private static void write(ObjectNode o, ReviewTask t) {
        o.put("id", t.id());
        o.put("created", t.created().toString());
        o.put("loop", t.loop());
        o.put("alert", t.alert());
        o.put("monitor", t.monitor());
        o.put("kind", t.kind().wireName());
        o.put("subject", t.subject());
        o.put("reason", t.reason());
        o.put("status", t.status().wireName());
    }
}
