package dev.flywheel.log.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/** Reads what {@link Bytes} wrote; throws {@link IllegalStateException} on a truncated input. */
public final class ByteCursor {
    // one big-endian load per value instead of four byte loads and shifts: a checkpoint's restore
    // reads hundreds of millions of them
    private static final VarHandle INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);
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
        int v = (int) INT.get(buf, pos);
        pos += 4;
        return v;
    }

    public long getLong() {
        need(8);
        long v = (long) LONG.get(buf, pos);
        pos += 8;
        return v;
    }

    // bulk reads through a buffer view: one swapping memory copy, fast even before the JIT has
    // compiled anything, which at a start it has not

    public int[] getInts(int n) {
        int[] out = new int[n];
        view(n, 4).asIntBuffer().get(out);
        return out;
    }

    public long[] getLongs(int n) {
        long[] out = new long[n];
        view(n, 8).asLongBuffer().get(out);
        return out;
    }

    /** Floats as their raw bits: NaNs keep their payload. */
    public float[] getFloats(int n) {
        float[] out = new float[n];
        view(n, 4).asFloatBuffer().get(out);
        return out;
    }

    /** Doubles as their raw bits. */
    public double[] getDoubles(int n) {
        double[] out = new double[n];
        view(n, 8).asDoubleBuffer().get(out);
        return out;
    }

    /** The next {@code n} values of {@code size} bytes as a big-endian buffer, skipped. */
    private java.nio.ByteBuffer view(int n, int size) {
        if (n < 0 || (long) n * size > end - pos) throw new IllegalStateException("entry truncated at byte " + pos);
        java.nio.ByteBuffer b = java.nio.ByteBuffer.wrap(buf, pos, n * size).slice();
        pos += n * size;
        return b;
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
