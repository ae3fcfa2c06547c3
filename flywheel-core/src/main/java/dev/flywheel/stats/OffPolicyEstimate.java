package dev.flywheel.stats;

import dev.flywheel.stats.internal.Checks;

/** An estimate of a target policy's mean reward with its standard error and interval. */
public record OffPolicyEstimate(String estimator, double value, double standardError, Interval ci) {
    public OffPolicyEstimate {
        if (estimator == null || estimator.isBlank()) {
            throw new IllegalArgumentException("estimator name is required");
        }
        Checks.finite("value", value);
        Checks.nonNegative("standardError", standardError);
        if (ci == null) {
            throw new IllegalArgumentException("ci is required");
        }
    }
}
