package dev.flywheel.feature;

/**
 * Bayesian smoothing of a rate toward a prior: (s + m·p) / (n + m). With no trials the rate is the
 * prior; with many it approaches s/n. {@code strength} m is the number of pseudo-trials the prior is
 * worth (a Beta(m·p, m·(1−p)) prior, posterior mean).
 */
public record SmoothedRate(double prior, double strength) {
    public SmoothedRate {
        if (!(prior >= 0 && prior <= 1)) throw new IllegalArgumentException("prior must be in [0, 1]");
        if (!(strength > 0 && Double.isFinite(strength))) throw new IllegalArgumentException("strength must be positive");
    }

    public double rate(double successes, double trials) {
        if (!(successes >= 0) || !(trials >= 0)) {
            throw new IllegalArgumentException("successes and trials must not be negative");
        }
        return (successes + strength * prior) / (trials + strength);
    }
}
