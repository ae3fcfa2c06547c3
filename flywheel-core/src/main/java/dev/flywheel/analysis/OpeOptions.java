package dev.flywheel.analysis;

import dev.flywheel.stats.internal.Checks;

/**
 * Settings of an off-policy evaluation: confidence level, the weight cap of clipped IPS, the weight
 * threshold above which switch-DR trusts the model alone, the direct method's bootstrap size and seed,
 * and the prior strength (pseudo-observations) of the smoothed reward model.
 */
public record OpeOptions(double confidence, double clip, double switchTau, int bootstrap, long seed,
                        double priorStrength) {
    public OpeOptions {
        Checks.confidence(confidence);
        if (!(clip > 0)) {
            throw new IllegalArgumentException("clip must be > 0, got " + clip);
        }
        if (!(switchTau > 0)) {
            throw new IllegalArgumentException("switchTau must be > 0, got " + switchTau);
        }
        if (bootstrap < 10) {
            throw new IllegalArgumentException("bootstrap must be >= 10 resamples, got " + bootstrap);
        }
        Checks.nonNegative("priorStrength", priorStrength);
    }

    public static OpeOptions defaults() {
        return new OpeOptions(0.95, 5, 5, 200, 20_191_124L, 20);
    }
}
