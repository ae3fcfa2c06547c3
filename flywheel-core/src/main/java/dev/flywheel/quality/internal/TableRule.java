package dev.flywheel.quality.internal;

import java.util.List;
import java.util.Map;

/** A GX aggregate expectation: one observed statistic of the batch, inside bounds or not. */
public non-sealed interface TableRule extends Rule {
    /** The column it reads, or null for table-wide statistics (row count). */
    String column();

    Observation observe(List<String> columns, List<? extends Map<String, ?>> rows);

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
