package dev.flywheel.stats;

import dev.flywheel.stats.internal.Checks;

/**
 * Treatment minus control for one metric: the absolute difference with its interval and p-value, and
 * the relative lift {@code treatment / control - 1} with its delta-method interval (NaN, and a null
 * {@code relCi}, when the control mean is zero).
 */
public record MeanDifference(MeanEstimate treatment, MeanEstimate control, double diff, double standardError,
                             double df, Interval ci, double pValue, double relLift, Interval relCi,
                             double confidence) {
    public MeanDifference {
        if (treatment == null || control == null || ci == null) {
            throw new IllegalArgumentException("treatment, control and ci are required");
        }
        Checks.finite("diff", diff);
        Checks.nonNegative("standardError", standardError);
        Checks.confidence(confidence);
        if (!Double.isNaN(pValue)) {
            Checks.probability("pValue", pValue);
        }
    }

    /** True when the interval excludes zero. */
    public boolean significant() {
        return !ci.contains(0);
    }
}
