package dev.flywheel.state;

import dev.flywheel.log.LogCodec;
import dev.flywheel.log.LogEntry;
import dev.flywheel.log.internal.ByteCursor;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads what a {@link StateWriter} wrote, in the same order; a truncated or malformed state throws
 * {@link IllegalStateException}, which makes the checkpoint unusable rather than the state wrong.
 */
public final class StateReader {
    private final ByteCursor in;

    public StateReader(byte[] state) {
        this(state, 0, state.length);
    }

    /** Reads {@code length} bytes of {@code buf} from {@code offset}, without copying them. */
    public StateReader(byte[] buf, int offset, int length) {
        this.in = new ByteCursor(buf, offset, length);
    }

    public int getInt() {
        return in.getInt();
    }

    public long getLong() {
        return in.getLong();
    }

    public double getDouble() {
        return in.getDouble();
    }

    public int getByte() {
        return in.get() & 0xff;
    }

    public boolean getBoolean() {
        byte b = in.get();
        if (b != 0 && b != 1) throw new IllegalStateException("not a boolean: " + b);
        return b == 1;
    }

    public String getString() {
        return in.getString();
    }

    public Instant getInstant() {
        if (!getBoolean()) return null;
        long seconds = in.getLong();
        return Instant.ofEpochSecond(seconds, in.getInt());
    }

    public List<String> getStrings() {
        int n = count();
        List<String> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) out.add(in.getString());
        return out;
    }

    public double[] getDoubles() {
        return in.getDoubles(count());
    }

    /** {@code n} doubles written by {@link StateWriter#putDoubles(double[], int, int)}. */
    public double[] getDoubles(int n) {
        return in.getDoubles(n);
    }

    /** {@code n} floats written by {@link StateWriter#putFloats}. */
    public float[] getFloats(int n) {
        return in.getFloats(n);
    }

    /** {@code n} ints written by {@link StateWriter#putInts}. */
    public int[] getInts(int n) {
        return in.getInts(n);
    }

    /** {@code n} longs written by {@link StateWriter#putLongs}. */
    public long[] getLongs(int n) {
        return in.getLongs(n);
    }

    public LogEntry getEntry() {
        byte[] b = getBytes();
        return LogCodec.decode(b, 0, b.length);
    }

    /** What {@link StateWriter#putBytes} wrote. */
    public byte[] getBytes() {
        return in.getBytes(count());
    }

    /**
     * A nested state ({@link StateWriter#putBytes}, {@link StateWriter#startNested}) left in place, not
     * copied: for state decoded only when it is first used.
     */
    public StateBytes getNested() {
        int n = count();
        return new StateBytes(in.buffer(), in.skip(n), n);
    }

    /** A non-negative count written by {@code putInt}: a collection's size. */
    public int count() {
        int n = in.getInt();
        if (n < 0) throw new IllegalStateException("negative count " + n);
        return n;
    }

    /** Refuses a format version this code does not read. */
    public void expectVersion(String operator, int known) {
        int v = in.getInt();
        if (v != known) throw new IllegalStateException(operator + " state version " + v + ", this code reads " + known);
    }

    /** Whether every byte was read: a state with bytes left over was written by other code. */
    public boolean atEnd() {
        return in.atEnd();
    }
}
