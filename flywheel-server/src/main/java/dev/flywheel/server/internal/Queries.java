package dev.flywheel.server.internal;

import dev.flywheel.server.ApiException;
import io.javalin.http.Context;

/** Validated query parameters; a bad one is a 400 that names it. */
public final class Queries {
    private Queries() { }

    public static long longParam(Context ctx, String name, long dflt, long min, long max) {
        String v = ctx.queryParam(name);
        if (v == null || v.isEmpty()) return dflt;
        try {
            long l = Long.parseLong(v.trim());
            if (l >= min && l <= max) return l;
        } catch (NumberFormatException ignored) {
            // answered below
        }
        throw ApiException.badRequest(name, "must be a whole number from " + min + " to " + max + ", got '" + v + "'");
    }
}
