package dev.flywheel.quality.internal;

import java.util.List;
import java.util.function.Predicate;

/**
 * A GX column map expectation: every value of one column passes or is unexpected, and the expectation
 * succeeds when the passing share of the counted values is at least {@code mostly}.
 */
public non-sealed interface MapRule extends Rule {
    String column();

    /**
     * True for the null expectations only: they count every row and test missing values too. Every
     * other map rule counts non-missing values, so a null is neither expected nor unexpected.
     */
    default boolean testsMissing() {
        return false;
    }

    /** Whether one row decides its own verdict; false for uniqueness, which needs the whole batch. */
    default boolean rowLevel() {
        return true;
    }

    /** The test for the values of this batch's column ({@code counted}: the values the rule counts). */
    Predicate<Object> test(List<Object> counted);

    /**
     * Counts for values fed one row at a time instead of a batch's column.
     *
     * @param sample how many unexpected values to keep
     * @param bound  the most distinct values kept, for a rule that needs them
     */
    MapTally tally(int sample, int bound);
}
