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
    /**
     * How much of a refused body is read and dropped before the 413 is sent. Closing the connection under a client that
     * is still sending makes its TCP stack reset it, and the client loses the answer; reading the rest first (as a
     * lingering close does) lets it read the 413. Beyond this many bytes the connection is closed unread.
     */
    static final long DRAIN_LIMIT = 16L << 20;

    private Bodies() { }

    public static byte[] read(Context ctx, long max) {
        return read(ctx, max, "server.max_body_bytes");
    }

    /** The body, refused with 413 naming {@code limitKey} (the setting of {@code max}) when it is larger. */
    public static byte[] read(Context ctx, long max, String limitKey) {
        long declared = ctx.req().getContentLengthLong();
        if (declared > max) throw refuse(ctx, max, limitKey);
        byte[] buf = new byte[(int) Math.min(declared > 0 ? declared : 64 * 1024, max + 1)];
        int n = 0;
        try (InputStream in = ctx.req().getInputStream()) {
            while (true) {
                if (n == buf.length) {
                    if (n > max) throw refuse(ctx, max, limitKey);
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

    /** The 413 for a body over {@code max}, after dropping up to {@link #DRAIN_LIMIT} bytes of what is left of it. */
    private static ApiException refuse(Context ctx, long max, String limitKey) {
        byte[] sink = new byte[64 * 1024];
        long left = DRAIN_LIMIT;
        try {
            InputStream in = ctx.req().getInputStream();
            for (int r; left > 0 && (r = in.read(sink, 0, (int) Math.min(sink.length, left))) >= 0; ) left -= r;
        } catch (IOException e) {
            // the client went away: nobody is left to read the answer either
        }
        return tooLarge(max, limitKey);
    }

    private static ApiException tooLarge(long max, String limitKey) {
        return new ApiException(413, "body exceeds the limit of " + max + " bytes (" + limitKey + ")",
                List.of(new FieldError("body", "exceeds " + max + " bytes")));
    }
}
