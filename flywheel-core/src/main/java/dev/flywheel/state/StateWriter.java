package dev.flywheel.state;

import dev.flywheel.log.Bytes;
import dev.flywheel.log.LogCodec;
import dev.flywheel.log.LogEntry;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collection;

/**
 * Writes an operator's state: the log's primitives (big-endian, strings length-prefixed UTF-8),
 * plus instants, and log entries in the log's own binary form, so items, events and decisions an
 * operator holds are kept exactly as the log keeps them.
 */
public final class StateWriter {
    private final Bytes out;
    /** Scratch for {@link #putEntry}; made on first use (most states hold no log entry). */
    private Bytes entry;

    public StateWriter() {
        this(1 << 12);
    }

    /** @param capacity the bytes the buffer starts with: what the caller expects to write, to spare growing it */
    public StateWriter(int capacity) {
        out = new Bytes(capacity);
    }

    /**
     * Empties this writer, keeping its buffer: a writer that encodes many small states one after
     * another (each copied out with {@link #toByteArray}) allocates its buffer once.
     */
    public StateWriter reset() {
        out.reset();
        return this;
    }

    /** The bytes written so far. */
    public int length() {
        return out.length();
    }

    public StateWriter putInt(int v) {
        out.putInt(v);
        return this;
    }

    public StateWriter putLong(long v) {
        out.putLong(v);
        return this;
    }

    public StateWriter putDouble(double v) {
        out.putDouble(v);
        return this;
    }

    public StateWriter putByte(int v) {
        out.put((byte) v);
        return this;
    }

    public StateWriter putBoolean(boolean v) {
        out.put(v ? (byte) 1 : (byte) 0);
        return this;
    }

    /** A nullable string. */
    public StateWriter putString(String s) {
        out.putString(s);
        return this;
    }

    /** A nullable instant, to the nanosecond. */
    public StateWriter putInstant(Instant t) {
        return t == null ? putBoolean(false) : putInstant(t.getEpochSecond(), t.getNano());
    }

    /** A present instant held as its epoch second and nanos (no {@link Instant} made), as {@link #putInstant(Instant)} writes it. */
    public StateWriter putInstant(long epochSecond, int nanos) {
        putBoolean(true);
        out.putLong(epochSecond);
        out.putInt(nanos);
        return this;
    }

    public StateWriter putStrings(Collection<String> values) {
        out.putInt(values.size());
        for (String s : values) out.putString(s);
        return this;
    }

    public StateWriter putDoubles(double[] values) {
        out.putInt(values.length);
        out.putDoubles(values, 0, values.length);
        return this;
    }

    /** {@code n} doubles of {@code values} from {@code from}, bit for bit, without a count. */
    public StateWriter putDoubles(double[] values, int from, int n) {
        out.putDoubles(values, from, n);
        return this;
    }

    /** {@code n} floats of {@code values} from {@code from}, bit for bit, without a count. */
    public StateWriter putFloats(float[] values, int from, int n) {
        out.putFloats(values, from, n);
        return this;
    }

    /** {@code n} ints of {@code values} from {@code from}, without a count: the reader knows how many. */
    public StateWriter putInts(int[] values, int from, int n) {
        out.putInts(values, from, n);
        return this;
    }

    /** {@code n} longs of {@code values} from {@code from}, without a count: the reader knows how many. */
    public StateWriter putLongs(long[] values, int from, int n) {
        out.putLongs(values, from, n);
        return this;
    }

    /** A log entry in the log's binary form. */
    public StateWriter putEntry(LogEntry e) {
        if (entry == null) entry = new Bytes(256);
        entry.reset();
        LogCodec.encode(e, entry);
        out.putInt(entry.length());
        out.put(entry.array(), 0, entry.length());
        return this;
    }

    /** A byte array, length first: a nested state. */
    public StateWriter putBytes(byte[] b) {
        out.putInt(b.length);
        out.put(b, 0, b.length);
        return this;
    }

    /** A nested state kept as read ({@link StateReader#getNested}): written as {@link #putBytes} writes its bytes. */
    public StateWriter putBytes(StateBytes b) {
        out.putInt(b.length());
        out.put(b.buffer());
        return this;
    }

    /**
     * Starts a nested state written in place; {@link #endNested} then puts its length before it, so
     * the bytes are those {@link #putBytes} writes for the same state, without a copy.
     *
     * @return the mark to hand to {@link #endNested}
     */
    public int startNested() {
        out.putInt(0);
        return out.length();
    }

    public StateWriter endNested(int mark) {
        out.putIntAt(mark - 4, out.length() - mark);
        return this;
    }

    /** What was written, in place: no copy, so nothing may be written after. */
    StateBytes written() {
        return StateBytes.of(out.array(), 0, out.length());
    }

    /** The length (an int), then what was written: what {@link #putBytes} writes for these bytes, without a copy. */
    public void writeTo(java.io.DataOutput to) throws java.io.IOException {
        to.writeInt(out.length());
        to.write(out.array(), 0, out.length());
    }

    public byte[] toByteArray() {
        return Arrays.copyOf(out.array(), out.length());
    }
}
