package dev.flywheel.log;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** A growable byte buffer with the few primitives the log codec needs; big-endian like DataOutput. */
public final class Bytes {
    private static final VarHandle INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);
    /** The largest array the JVM allocates for bytes, a little under 2 GB. */
    private static final int MAX = Integer.MAX_VALUE - 8;
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

    /** The bytes from {@code src}'s position to its limit (it is moved to its limit). */
    public void put(java.nio.ByteBuffer src) {
        int n = src.remaining();
        ensure(n);
        src.get(buf, len, n);
        len += n;
    }

    public void putInt(int v) {
        ensure(4);
        INT.set(buf, len, v);
        len += 4;
    }

    public void putInts(int[] values, int from, int n) {
        view(n, 4).asIntBuffer().put(values, from, n);
    }

    public void putLongs(long[] values, int from, int n) {
        view(n, 8).asLongBuffer().put(values, from, n);
    }

    /** Floats as their raw bits. */
    public void putFloats(float[] values, int from, int n) {
        view(n, 4).asFloatBuffer().put(values, from, n);
    }

    /** Doubles as their raw bits. */
    public void putDoubles(double[] values, int from, int n) {
        view(n, 8).asDoubleBuffer().put(values, from, n);
    }

    /** Room for {@code n} values of {@code size} bytes, as a big-endian buffer over it (taken). */
    private java.nio.ByteBuffer view(int n, int size) {
        ensure((long) n * size);
        java.nio.ByteBuffer b = java.nio.ByteBuffer.wrap(buf, len, n * size).slice();
        len += n * size;
        return b;
    }

    public void putIntAt(int pos, int v) {
        buf[pos] = (byte) (v >>> 24);
        buf[pos + 1] = (byte) (v >>> 16);
        buf[pos + 2] = (byte) (v >>> 8);
        buf[pos + 3] = (byte) v;
    }

    public void putLong(long v) {
        ensure(8);
        LONG.set(buf, len, v);
        len += 8;
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

    private void ensure(long n) {
        if (len + n <= buf.length) return;
        if (len + n > MAX) throw new IllegalStateException("more than " + MAX + " bytes in one buffer");
        buf = Arrays.copyOf(buf, (int) Math.min(MAX, Math.max(2L * buf.length, len + n)));
    }
}
