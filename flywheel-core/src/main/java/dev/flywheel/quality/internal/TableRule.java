package dev.flywheel.quality.internal;

import dev.flywheel.state.StateReader;
import dev.flywheel.state.StateWriter;
import java.util.List;
import java.util.Map;

/** A GX aggregate expectation: one observed statistic of the batch, inside bounds or not. */
public non-sealed interface TableRule extends Rule {
    /** The column it reads, or null for table-wide statistics (row count). */
    String column();

    Observation observe(List<String> columns, List<? extends Map<String, ?>> rows);

    /**
     * The same statistic over rows fed one at a time (a window of the stream), from running aggregates.
     *
     * @param bound the most distinct values kept exactly, for a statistic that counts them
     */
    Accumulator accumulator(List<String> columns, int bound);

    /** A statistic in the making; fed a batch's rows, it observes what {@link #observe} does on them. */
    interface Accumulator {
        /** The next row's value of the column (null for a table-wide statistic). */
        void add(Object value);

        Observation observe();

        /** Why the statistic is not exact, or null. */
        default String caveat() {
            return null;
        }

        /** The running aggregates, for a checkpoint; written alike for equal accumulators. */
        void writeState(StateWriter out);

        /** Restores what {@link #writeState} wrote into an accumulator just made by the same rule. */
        void readState(StateReader in);
    }

    /**
     * @param observedValue the statistic, or null when it could not be computed
     * @param problem       why it could not be computed (a missing column, a text value in a mean), or null
     */
    record Observation(Object observedValue, boolean success, String problem) {
        public static Observation failed(String problem) {
            return new Observation(null, false, problem);
        }
    }
}
