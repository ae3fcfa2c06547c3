package dev.flywheel.store.file;

import dev.flywheel.log.LogCodec;
import dev.flywheel.log.LogEntry;
import dev.flywheel.log.Bytes;
import java.util.zip.CRC32C;

/**
 * The on-disk frame around an encoded entry: body length, CRC-32C of the body, body. The checksum
 * is what lets recovery tell a torn last write from a complete entry.
 */
final class Frames {
    static final int HEADER = 8;
    /** No entry comes near this; a larger length can only be garbage from a torn write. */
    static final int MAX_BODY = 64 << 20;

    private Frames() { }

    static void append(LogEntry entry, Bytes out) {
        frame(out, b -> LogCodec.encode(entry, b));
    }

    /** Appends one frame whose body {@code body} writes (the audit log's records use the same frame). */
    static void frame(Bytes out, java.util.function.Consumer<Bytes> body) {
        int start = out.length();
        out.putInt(0);
        out.putInt(0);
        body.accept(out);
        int bodyLen = out.length() - start - HEADER;
        CRC32C crc = new CRC32C();
        crc.update(out.array(), start + HEADER, bodyLen);
        out.putIntAt(start, bodyLen);
        out.putIntAt(start + 4, (int) crc.getValue());
    }

    static int readInt(byte[] b, int p) {
        return ((b[p] & 0xff) << 24) | ((b[p + 1] & 0xff) << 16) | ((b[p + 2] & 0xff) << 8) | (b[p + 3] & 0xff);
    }

    static long readLong(byte[] b, int p) {
        return ((long) readInt(b, p) << 32) | (readInt(b, p + 4) & 0xffffffffL);
    }

    /** True when a complete, intact log-entry frame starts at {@code p} within {@code limit}. */
    static boolean intact(byte[] b, int p, int limit) {
        // a log entry's body is at least its kind byte, seq and received millis
        return bodyLength(b, p, limit, 17) >= 0;
    }

    /**
     * The body length of the complete, intact frame at {@code p} within {@code limit}, or -1 when
     * none is there (a torn or corrupt tail); bodies shorter than {@code minBody} are garbage.
     */
    static int bodyLength(byte[] b, int p, int limit, int minBody) {
        if (limit - p < HEADER) return -1;
        int len = readInt(b, p);
        if (len < minBody || len > MAX_BODY || limit - p - HEADER < len) return -1;
        CRC32C crc = new CRC32C();
        crc.update(b, p + HEADER, len);
        return (int) crc.getValue() == readInt(b, p + 4) ? len : -1;
    }

    /** The seq stored in a frame's body (after the kind byte). */
    static long seqOf(byte[] b, int p) {
        return readLong(b, p + HEADER + 1);
    }
}
