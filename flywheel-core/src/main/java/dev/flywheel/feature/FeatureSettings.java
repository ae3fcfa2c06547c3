package dev.flywheel.feature;

import java.time.Duration;

/**
 * How a loop's feedback features forget and smooth.
 *
 * @param halfLife      feedback counts and user profiles halve in weight every half-life
 * @param priorStrength pseudo-impressions pulling an item's rates toward the global rates
 */
public record FeatureSettings(Duration halfLife, double priorStrength) {
    public static final FeatureSettings DEFAULTS = new FeatureSettings(Duration.ofDays(30), 20);

    public FeatureSettings {
        if (halfLife == null || halfLife.isZero() || halfLife.isNegative()) {
            throw new IllegalArgumentException("halfLife must be a positive duration");
        }
        if (!(priorStrength > 0 && Double.isFinite(priorStrength))) throw new IllegalArgumentException("priorStrength must be positive");
    }
}
