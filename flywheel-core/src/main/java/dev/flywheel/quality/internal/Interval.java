package dev.flywheel.quality.internal;

import dev.flywheel.config.ConfigException;
import java.util.Set;

/**
 * GX's {@code min_value}/{@code max_value} with {@code strict_min}/{@code strict_max}: inclusive unless
 * strict, and a missing bound leaves that side open.
 */
public record Interval(Object min, Object max, boolean strictMin, boolean strictMax) {
    static final Set<String> KEYS = Set.of("min_value", "max_value", "strict_min", "strict_max");

    /**
     * Reads the bounds; refuses two absent bounds (a check that checks nothing is a typo in the suite)
     * and a minimum above the maximum.
     */
    static Interval read(Kwargs kw, String prefix) {
        Object min = kw.bound("min_value");
        Object max = kw.bound("max_value");
        if (min == null && max == null) {
            throw new ConfigException(prefix, "needs min_value, max_value or both");
        }
        if (min != null && max != null) {
            Integer order = Values.compare(min, max);
            if (order == null) throw new ConfigException(kw.keyOf("max_value"), "must be of the same kind as min_value");
            if (order > 0) throw new ConfigException(kw.keyOf("max_value"), "is below min_value");
        }
        return new Interval(min, max, kw.bool("strict_min", false), kw.bool("strict_max", false));
    }

    /** Whether {@code v} lies inside; a value that cannot be compared with the bounds does not. */
    public boolean contains(Object v) {
        if (min != null) {
            Integer c = Values.compare(v, min);
            if (c == null || c < 0 || (strictMin && c == 0)) return false;
        }
        if (max != null) {
            Integer c = Values.compare(v, max);
            if (c == null || c > 0 || (strictMax && c == 0)) return false;
        }
        return true;
    }
}
