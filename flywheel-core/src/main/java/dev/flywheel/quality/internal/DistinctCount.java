package dev.flywheel.quality.internal;

import dev.flywheel.state.StateReader;
import dev.flywheel.state.StateWriter;
import java.util.HashSet;
import java.util.Set;

/**
 * The distinct values of a column as GX counts them ({@link Values#distinctKey}: {@code 1} and
 * {@code 1.0} are one): exact, in a hash set, up to {@code bound} distinct values; past it the set is
 * folded into a {@link HyperLogLog} and dropped, so memory stays at the set's bound or 16 KB.
 */
final class DistinctCount {
    private final int bound;
    private Set<Object> exact = new HashSet<>();
    private HyperLogLog sketch;

    DistinctCount(int bound) {
        this.bound = bound;
    }

    /** Adds a non-missing value. */
    void add(Object value) {
        Object key = Values.distinctKey(value);
        if (sketch != null) {
            sketch.add(key);
        } else if (exact.add(key) && exact.size() > bound) {
            sketch = new HyperLogLog();
            exact.forEach(sketch::add);
            exact = null;
        }
    }

    long count() {
        return sketch == null ? exact.size() : sketch.estimate();
    }

    /** The exact set in key order, or the sketch once the set overflowed. */
    void writeState(StateWriter out) {
        out.putBoolean(sketch != null);
        if (sketch != null) {
            sketch.writeState(out);
        } else {
            StateValues.writeSet(exact, out);
        }
    }

    void readState(StateReader in) {
        if (in.getBoolean()) {
            sketch = new HyperLogLog();
            sketch.readState(in);
            exact = null;
        } else {
            exact.addAll(StateValues.readList(in));
        }
    }

    /** Why the count is not exact, or null while it is. */
    String caveat() {
        return sketch == null ? null : String.format(java.util.Locale.ROOT,
                "distinct values estimated (HyperLogLog, standard error %.1f %%) past %d exact ones",
                100 * HyperLogLog.STANDARD_ERROR, bound);
    }
}
