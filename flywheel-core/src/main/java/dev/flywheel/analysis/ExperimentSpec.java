package dev.flywheel.analysis;

import dev.flywheel.stats.MultipleTesting;
import dev.flywheel.stats.internal.Checks;
import java.util.List;
import java.util.Map;

/**
 * What to analyse in an experiment table: the arm column and control value, metrics (a column name, or
 * {@code num/den} for a ratio metric), an optional pre-period covariate for CUPED, an optional expected
 * split (arm → weight; null means equal), the correction across metrics, the confidence level, and the
 * planned total number of units that tunes the always-valid intervals (0: tune for the current total,
 * which is fine for a one-off report; a guardrail that re-reads the report while data arrives must fix
 * it in advance, otherwise the tuning itself depends on when one looks).
 */
public record ExperimentSpec(String armColumn, String control, List<String> metrics, String covariate,
                             Map<String, Double> expectedSplit, MultipleTesting.Method correction,
                             double confidence, long plannedUnits) {
    public ExperimentSpec {
        if (armColumn == null || armColumn.isBlank()) {
            throw new IllegalArgumentException("armColumn is required");
        }
        if (control == null) {
            throw new IllegalArgumentException("control is required");
        }
        if (metrics == null || metrics.isEmpty()) {
            throw new IllegalArgumentException("at least one metric is required");
        }
        metrics = List.copyOf(metrics);
        expectedSplit = expectedSplit == null ? null : Map.copyOf(expectedSplit);
        if (correction == null) {
            throw new IllegalArgumentException("correction is required");
        }
        Checks.confidence(confidence);
        if (plannedUnits < 0) {
            throw new IllegalArgumentException("plannedUnits must be >= 0, got " + plannedUnits);
        }
    }

    public static ExperimentSpec of(String armColumn, String control, List<String> metrics) {
        return new ExperimentSpec(armColumn, control, metrics, null, null, MultipleTesting.Method.HOLM, 0.95, 0);
    }
}
