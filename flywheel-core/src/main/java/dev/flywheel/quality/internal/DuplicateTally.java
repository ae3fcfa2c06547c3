package dev.flywheel.quality.internal;

import dev.flywheel.state.StateReader;
import dev.flywheel.state.StateWriter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code expect_column_values_to_be_unique} one row at a time. Every occurrence of a repeated value is
 * unexpected, the first one too, so a first occurrence turns unexpected only when its value recurs,
 * possibly after later rows were listed: the sample is the smallest positions among the rows known to be
 * unexpected, which are the batch's first ones once the last row is in. A value's first row and value
 * are kept until it recurs, and only while they could still enter the sample.
 *
 * <p>Memory: an exact hash map of at most {@code bound} distinct values. The row that would add one more
 * ends what is judged: the result is then a batch's over the rows before it, and {@link #caveat()} says
 * so (a probabilistic set would let repeats go unseen, or flag values that never repeated).
 */
final class DuplicateTally implements MapTally {
    /** Seen once, past the sample's positions: its first row cannot be listed any more. */
    private static final Object ONCE = new Object();
    private static final Object REPEATED = new Object();
    private final int sample;
    private final int bound;
    private final Map<Object, Object> seen = new HashMap<>();
    private final TreeMap<Long, Object> earliest = new TreeMap<>();
    private long rows;
    private long added;
    private long missing;
    private long unexpected;
    private boolean full;

    private record First(long row, Object value) {
    }

    DuplicateTally(int sample, int bound) {
        this.sample = sample;
        this.bound = bound;
    }

    @Override
    public void add(Object value) {
        added++;
        if (full) return;
        if (Values.missing(value)) {
            rows++;
            missing++;
            return;
        }
        Object key = Values.distinctKey(value);
        Object prior = seen.get(key);
        if (prior == null) {
            if (seen.size() >= bound) {
                full = true;
                return;
            }
            seen.put(key, earliest.size() < sample ? new First(rows, value) : ONCE);
        } else if (prior != REPEATED) {
            seen.put(key, REPEATED);
            unexpected += 2;
            if (prior instanceof First f) list(f.row(), f.value());
            list(rows, value);
        } else {
            unexpected++;
            list(rows, value);
        }
        rows++;
    }

    private void list(long row, Object value) {
        if (!MapTally.listable(row) || sample == 0 || (earliest.size() >= sample && row > earliest.lastKey())) return;
        earliest.put(row, value);
        if (earliest.size() > sample) earliest.pollLastEntry();
    }

    @Override public long rows() { return rows; }
    @Override public long missing() { return missing; }
    @Override public long counted() { return rows - missing; }
    @Override public long unexpected() { return unexpected; }

    @Override
    public List<Object> partialUnexpected() {
        return new ArrayList<>(earliest.values());
    }

    @Override
    public List<Integer> unexpectedRows() {
        return earliest.keySet().stream().map(Long::intValue).toList();
    }

    /** The seen values in key order, each with its mark: once (listable with its first row), or repeated. */
    @Override
    public void writeState(StateWriter out) {
        out.putLong(rows).putLong(added).putLong(missing).putLong(unexpected).putBoolean(full);
        TreeMap<Object, Object> sorted = new TreeMap<>(StateValues.ORDER);
        sorted.putAll(seen);
        out.putInt(sorted.size());
        sorted.forEach((key, mark) -> writeMark(mark, key, out));
        out.putInt(earliest.size());
        earliest.forEach((row, value) -> {
            out.putLong(row);
            StateValues.write(value, out);
        });
    }

    private static void writeMark(Object mark, Object key, StateWriter out) {
        StateValues.write(key, out);
        out.putInt(mark == ONCE ? 0 : mark == REPEATED ? 1 : 2);
        if (mark instanceof First f) {
            out.putLong(f.row());
            StateValues.write(f.value(), out);
        }
    }

    @Override
    public void readState(StateReader in) {
        rows = in.getLong();
        added = in.getLong();
        missing = in.getLong();
        unexpected = in.getLong();
        full = in.getBoolean();
        for (int i = in.count(); i > 0; i--) {
            Object key = StateValues.read(in);
            seen.put(key, readMark(in));
        }
        for (int i = in.count(); i > 0; i--) {
            long row = in.getLong();
            earliest.put(row, StateValues.read(in));
        }
    }

    private static Object readMark(StateReader in) {
        int mark = in.getInt();
        return switch (mark) {
            case 0 -> ONCE;
            case 1 -> REPEATED;
            case 2 -> new First(in.getLong(), StateValues.read(in));
            default -> throw new IllegalStateException("unknown uniqueness mark " + mark);
        };
    }

    @Override
    public String caveat() {
        return full ? "uniqueness judged on the first " + rows + " of " + added + " rows (an exact set of at most "
                + bound + " distinct values)" : null;
    }
}
