package dev.flywheel.quality.internal;

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

    /** Why the count is not exact, or null while it is. */
    String caveat() {
        return sketch == null ? null : String.format(java.util.Locale.ROOT,
                "distinct values estimated (HyperLogLog, standard error %.1f %%) past %d exact ones",
                100 * HyperLogLog.STANDARD_ERROR, bound);
    }
}
