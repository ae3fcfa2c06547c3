package dev.flywheel.log.internal;

import java.nio.charset.StandardCharsets;

/** Reads what {@link Bytes} wrote; throws {@link IllegalStateException} on a truncated input. */
public final class ByteCursor {
    private final byte[] buf;
    private int pos;
    private final int end;

    public ByteCursor(byte[] buf, int offset, int length) {
        this.buf = buf;
        this.pos = offset;
        this.end = offset + length;
    }

    public byte get() {
        need(1);
        return buf[pos++];
    }

    /** The next {@code n} bytes, copied. */
    public byte[] getBytes(int n) {
        need(n);
        byte[] out = java.util.Arrays.copyOfRange(buf, pos, pos + n);
        pos += n;
        return out;
    }

    public int getInt() {
        need(4);
        int v = ((buf[pos] & 0xff) << 24) | ((buf[pos + 1] & 0xff) << 16)
                | ((buf[pos + 2] & 0xff) << 8) | (buf[pos + 3] & 0xff);
        pos += 4;
        return v;
    }

    public long getLong() {
        return ((long) getInt() << 32) | (getInt() & 0xffffffffL);
    }

    public double getDouble() {
        return Double.longBitsToDouble(getLong());
    }

    public String getString() {
        int n = getInt();
        if (n == -1) return null;
        if (n < 0) throw new IllegalStateException("negative string length " + n);
        need(n);
        String s = new String(buf, pos, n, StandardCharsets.UTF_8);
        pos += n;
        return s;
    }

    /** Skips {@code n} bytes, returning where they start in the buffer. */
    public int skip(int n) {
        need(n);
        int at = pos;
        pos += n;
        return at;
    }

    public byte[] buffer() {
        return buf;
    }

    public boolean atEnd() {
        return pos == end;
    }

    private void need(int n) {
        if (pos + n > end) throw new IllegalStateException("entry truncated at byte " + pos);
    }
}
