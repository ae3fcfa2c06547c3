package dev.flywheel.server;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.flywheel.event.FieldError;
import dev.flywheel.ingest.OverloadedException;
import dev.flywheel.log.LogException;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.List;
import java.util.concurrent.CompletionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place where exceptions become HTTP answers. Client mistakes are 4xx with the field and
 * reason; only a failing disk or an overloaded writer is a 503 (retry), and anything unexpected is a
 * logged 500 whose body says nothing was stored.
 */
public final class ApiErrors {
    private static final Logger LOG = LoggerFactory.getLogger(ApiErrors.class);
    private final ObjectMapper json;

    ApiErrors(ObjectMapper json) {
        this.json = json;
    }

    void register(RoutesConfig routes) {
        routes.exception(Exception.class, (e, ctx) -> write(ctx, e));
        routes.error(404, ctx -> {
            if (ctx.result() == null || ctx.result().isEmpty()) {
                respond(ctx, 404, "no such endpoint: " + ctx.method() + " " + ctx.path(), List.of());
            }
        });
        routes.error(405, ctx -> respond(ctx, 405, "method not allowed: " + ctx.method() + " " + ctx.path(), List.of()));
    }

    void write(Context ctx, Throwable t) {
        Throwable e = t instanceof CompletionException && t.getCause() != null ? t.getCause() : t;
        if (e instanceof ApiException a) {
            respond(ctx, a.status(), a.getMessage(), a.errors());
        } else if (e instanceof JacksonException j) {
            respond(ctx, 400, "body is not valid JSON: " + j.getOriginalMessage(), List.of(new FieldError("body", "is not valid JSON")));
        } else if (e instanceof OverloadedException o) {
            ctx.header("Retry-After", "1");
            respond(ctx, 503, o.getMessage() + "; nothing was stored", List.of());
        } else if (e instanceof LogException l) {
            LOG.error("storage failure", l);
            ctx.header("Retry-After", "5");
            respond(ctx, 503, "storage unavailable; nothing was stored: " + l.getMessage(), List.of());
        } else {
            LOG.error("unexpected failure on {} {}", ctx.method(), ctx.path(), e);
            respond(ctx, 500, "internal error; nothing was stored", List.of());
        }
    }

    void respond(Context ctx, int status, String message, List<FieldError> errors) {
        ObjectNode body = json.createObjectNode();
        body.put("error", message);
        ArrayNode arr = body.putArray("errors");
        for (FieldError f : errors) arr.addObject().put("field", f.field()).put("message", f.message());
        ctx.status(status).contentType("application/json");
        try {
            ctx.result(json.writeValueAsBytes(body));
        } catch (JacksonException impossible) {
            ctx.result("{\"error\":\"internal error\"}");
        }
    }
}
