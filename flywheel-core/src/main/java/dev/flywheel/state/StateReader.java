package dev.flywheel.state;

import dev.flywheel.log.LogCodec;
import dev.flywheel.log.LogEntry;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads what a {@link StateWriter} wrote, in the same order; a truncated or malformed state throws
 * {@link IllegalStateException}, which makes the checkpoint unusable rather than the state wrong.
 * Reads an array or a buffer in place, a checkpoint file mapped into memory among them: what an
 * operator keeps undecoded ({@link #getNested}) is never copied.
 */
public final class StateReader {
    /** Big-endian, positioned at the next value; its limit is the state's end. */
    private final ByteBuffer in;

    public StateReader(byte[] state) {
        this(state, 0, state.length);
    }

    /** Reads {@code length} bytes of {@code buf} from {@code offset}, without copying them. */
    public StateReader(byte[] buf, int offset, int length) {
        this(ByteBuffer.wrap(buf, offset, length).slice());
    }

    /** Reads {@code state} from its position to its limit, without copying it. */
    StateReader(ByteBuffer state) {
        this.in = state;
    }

    public int getInt() {
        need(4);
        return in.getInt();
    }

    public long getLong() {
        need(8);
        return in.getLong();
    }

    public double getDouble() {
        need(8);
        return in.getDouble();
    }

    public int getByte() {
        need(1);
        return in.get() & 0xff;
    }

    public boolean getBoolean() {
        need(1);
        byte b = in.get();
        if (b != 0 && b != 1) throw new IllegalStateException("not a boolean: " + b);
        return b == 1;
    }

    /** A nullable string: its UTF-8 length (-1 for null), then the bytes. */
    public String getString() {
        int n = getInt();
        if (n == -1) return null;
        if (n < 0) throw new IllegalStateException("negative string length " + n);
        need(n);
        String s;
        if (in.hasArray()) {
            s = new String(in.array(), in.arrayOffset() + in.position(), n, StandardCharsets.UTF_8);
            in.position(in.position() + n);
        } else {
            byte[] b = new byte[n];
            in.get(b);
            s = new String(b, StandardCharsets.UTF_8);
        }
        return s;
    }

    public Instant getInstant() {
        if (!getBoolean()) return null;
        long seconds = getLong();
        return Instant.ofEpochSecond(seconds, getInt());
    }

    public List<String> getStrings() {
        int n = count();
        List<String> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) out.add(getString());
        return out;
    }

    public double[] getDoubles() {
        return getDoubles(count());
    }

    // bulk reads through a buffer view: one swapping memory copy, fast even before the JIT has
    // compiled anything, which at a start it has not

    /** {@code n} doubles written by {@link StateWriter#putDoubles(double[], int, int)}, bit for bit. */
    public double[] getDoubles(int n) {
        double[] out = new double[n];
        view(n, 8).asDoubleBuffer().get(out);
        return out;
    }

    /** {@code n} floats written by {@link StateWriter#putFloats}, bit for bit. */
    public float[] getFloats(int n) {
        float[] out = new float[n];
        view(n, 4).asFloatBuffer().get(out);
        return out;
    }

    /** {@code n} ints written by {@link StateWriter#putInts}. */
    public int[] getInts(int n) {
        int[] out = new int[n];
        view(n, 4).asIntBuffer().get(out);
        return out;
    }

    /** {@code n} longs written by {@link StateWriter#putLongs}. */
    public long[] getLongs(int n) {
        long[] out = new long[n];
        view(n, 8).asLongBuffer().get(out);
        return out;
    }

    public LogEntry getEntry() {
        byte[] b = getBytes();
        return LogCodec.decode(b, 0, b.length);
    }

    /** What {@link StateWriter#putBytes} wrote, copied. */
    public byte[] getBytes() {
        int n = count();
        need(n);
        byte[] out = new byte[n];
        in.get(out);
        return out;
    }

    /**
     * A nested state ({@link StateWriter#putBytes}, {@link StateWriter#startNested}) left in place, not
     * copied: for state decoded only when it is first used.
     */
    public StateBytes getNested() {
        int n = count();
        need(n);
        StateBytes out = StateBytes.of(in.slice(in.position(), n));
        in.position(in.position() + n);
        return out;
    }

    /** A non-negative count written by {@code putInt}: a collection's size. */
    public int count() {
        int n = getInt();
        if (n < 0) throw new IllegalStateException("negative count " + n);
        return n;
    }

    /** Refuses a format version this code does not read. */
    public void expectVersion(String operator, int known) {
        int v = getInt();
        if (v != known) throw new IllegalStateException(operator + " state version " + v + ", this code reads " + known);
    }

    /** Whether every byte was read: a state with bytes left over was written by other code. */
    public boolean atEnd() {
        return !in.hasRemaining();
    }

    /** The next {@code n} values of {@code size} bytes as a big-endian buffer, skipped. */
    private ByteBuffer view(int n, int size) {
        if (n < 0 || (long) n * size > in.remaining()) throw new IllegalStateException("state truncated at byte " + in.position());
        ByteBuffer b = in.slice(in.position(), n * size);
        in.position(in.position() + n * size);
        return b;
    }

    private void need(int n) {
        if (in.remaining() < n) throw new IllegalStateException("state truncated at byte " + in.position());
    }
}
