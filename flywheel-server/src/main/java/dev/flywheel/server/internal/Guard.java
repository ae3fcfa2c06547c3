package dev.flywheel.server.internal;

import dev.flywheel.auth.ApiKey;
import dev.flywheel.auth.KeyRing;
import dev.flywheel.auth.Scope;
import dev.flywheel.event.FieldError;
import dev.flywheel.server.ApiException;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.util.List;

/** Wraps a handler so it runs only for a bearer key that holds the scope (or admin). */
public final class Guard {
    private static final String KEY_ID = "flywheel.key";
    private final KeyRing keys;

    public Guard(KeyRing keys) {
        this.keys = keys;
    }

    public Handler require(Scope scope, Handler inner) {
        return ctx -> {
            check(ctx, scope);
            inner.handle(ctx);
        };
    }

    /** Any live key, whatever its scopes. */
    public Handler authenticated(Handler inner) {
        return ctx -> {
            key(ctx);
            inner.handle(ctx);
        };
    }

    /** The id of the key a guarded handler runs for: who made a change, for the audit log. */
    public static String keyId(Context ctx) {
        return ctx.attribute(KEY_ID);
    }

    private void check(Context ctx, Scope scope) {
        ApiKey key = key(ctx);
        if (!key.allows(scope)) {
            throw new ApiException(403, "this key lacks the scope '" + scope.wireName() + "'",
                    List.of(new FieldError("Authorization", "key " + key.id() + " lacks scope " + scope.wireName())));
        }
    }

    private ApiKey key(Context ctx) {
        String header = ctx.header("Authorization");
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            ctx.header("WWW-Authenticate", "Bearer");
            throw new ApiException(401, "missing API key: send 'Authorization: Bearer <key>'",
                    List.of(new FieldError("Authorization", "is required")));
        }
        ApiKey key = keys.authenticate(header.substring(7).trim()).orElseThrow(() -> {
            ctx.header("WWW-Authenticate", "Bearer error=\"invalid_token\"");
            return new ApiException(401, "unknown or revoked API key",
                    List.of(new FieldError("Authorization", "unknown or revoked key")));
        });
        ctx.attribute(KEY_ID, key.id());
        return key;
    }
}
