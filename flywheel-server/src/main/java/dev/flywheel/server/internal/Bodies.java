package dev.flywheel.server.internal;

import dev.flywheel.event.FieldError;
import dev.flywheel.server.ApiException;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.List;

/** Reads a request body without ever holding more than the configured limit in memory. */
public final class Bodies {
    private Bodies() { }

    public static byte[] read(Context ctx, long max) {
        return read(ctx, max, "server.max_body_bytes");
    }

    /** The body, refused with 413 naming {@code limitKey} (the setting of {@code max}) when it is larger. */
    public static byte[] read(Context ctx, long max, String limitKey) {
        long declared = ctx.req().getContentLengthLong();
        if (declared > max) throw tooLarge(max, limitKey);
        byte[] buf = new byte[(int) Math.min(declared > 0 ? declared : 64 * 1024, max + 1)];
        int n = 0;
        try (InputStream in = ctx.req().getInputStream()) {
            while (true) {
                if (n == buf.length) {
                    if (n > max) throw tooLarge(max, limitKey);
                    buf = Arrays.copyOf(buf, (int) Math.min((long) buf.length * 2, max + 1));
                }
                int r = in.read(buf, n, buf.length - n);
                if (r < 0) break;
                n += r;
            }
        } catch (IOException e) {
            throw new ApiException(400, "could not read the request body: " + e.getMessage(),
                    List.of(new FieldError("body", "could not be read")));
        }
        if (n > max) throw tooLarge(max, limitKey);
        return n == buf.length ? buf : Arrays.copyOf(buf, n);
    }

    private static ApiException tooLarge(long max, String limitKey) {
        return new ApiException(413, "body exceeds the limit of " + max + " bytes (" + limitKey + ")",
                List.of(new FieldError("body", "exceeds " + max + " bytes")));
    }
}
