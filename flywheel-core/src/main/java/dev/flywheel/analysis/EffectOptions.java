package dev.flywheel.analysis;

import dev.flywheel.stats.Estimand;
import dev.flywheel.stats.internal.Checks;

/** Settings of an observational effect analysis; trimming keeps units with trimLow <= e <= trimHigh. */
public record EffectOptions(Estimand estimand, double trimLow, double trimHigh, int bootstrap, long seed,
                            double confidence) {
    public EffectOptions {
        if (estimand == null) {
            throw new IllegalArgumentException("estimand is required");
        }
        if (!(trimLow >= 0 && trimLow < trimHigh && trimHigh <= 1)) {
            throw new IllegalArgumentException("trim bounds must satisfy 0 <= low < high <= 1, got [" + trimLow
                    + ", " + trimHigh + "]");
        }
        if (bootstrap < 10) {
            throw new IllegalArgumentException("bootstrap must be >= 10 resamples, got " + bootstrap);
        }
        Checks.confidence(confidence);
    }

    public static EffectOptions defaults(Estimand estimand) {
        return new EffectOptions(estimand, 0.05, 0.95, 200, 42, 0.95);
    }
}
