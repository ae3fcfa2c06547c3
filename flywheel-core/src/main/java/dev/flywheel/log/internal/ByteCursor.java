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

    public boolean atEnd() {
        return pos == end;
    }

    private void need(int n) {
        if (pos + n > end) throw new IllegalStateException("entry truncated at byte " + pos);
    }
}
