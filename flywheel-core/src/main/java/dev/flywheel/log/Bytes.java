package dev.flywheel.log;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** A growable byte buffer with the few primitives the log codec needs; big-endian like DataOutput. */
public final class Bytes {
    private byte[] buf;
    private int len;

    public Bytes(int capacity) {
        buf = new byte[Math.max(16, capacity)];
    }

    public void reset() {
        len = 0;
    }

    public int length() {
        return len;
    }

    public byte[] array() {
        return buf;
    }

    public void put(byte b) {
        ensure(1);
        buf[len++] = b;
    }

    public void put(byte[] b, int off, int n) {
        ensure(n);
        System.arraycopy(b, off, buf, len, n);
        len += n;
    }

    public void putInt(int v) {
        ensure(4);
        buf[len] = (byte) (v >>> 24);
        buf[len + 1] = (byte) (v >>> 16);
        buf[len + 2] = (byte) (v >>> 8);
        buf[len + 3] = (byte) v;
        len += 4;
    }

    public void putIntAt(int pos, int v) {
        buf[pos] = (byte) (v >>> 24);
        buf[pos + 1] = (byte) (v >>> 16);
        buf[pos + 2] = (byte) (v >>> 8);
        buf[pos + 3] = (byte) v;
    }

    public void putLong(long v) {
        putInt((int) (v >>> 32));
        putInt((int) v);
    }

    public void putDouble(double v) {
        putLong(Double.doubleToRawLongBits(v));
    }

    /**
     * A nullable string: length -1 stands for null. ASCII (ids, types, most keys) is copied char by
     * char: {@code getBytes} allocated a copy of every string, which was the largest cost of the
     * ingest writer in a bulk import's profile. The bytes are the same UTF-8 either way.
     */
    public void putString(String s) {
        if (s == null) {
            putInt(-1);
            return;
        }
        int n = s.length();
        ensure(4 + n);
        int at = len + 4;
        int i = 0;
        while (i < n) {
            char c = s.charAt(i);
            if (c >= 0x80) break;
            buf[at + i++] = (byte) c;
        }
        if (i == n) {
            putInt(n);
            len += n;
            return;
        }
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        putInt(b.length);
        ensure(b.length);
        System.arraycopy(b, 0, buf, len, b.length);
        len += b.length;
    }

    private void ensure(int n) {
        if (len + n > buf.length) buf = Arrays.copyOf(buf, Math.max(buf.length * 2, len + n));
    }
}
