package dev.flywheel.stats;

import dev.flywheel.stats.internal.Checks;
import dev.flywheel.stats.internal.Quantiles;

/**
 * A rate {@code successes / trials} with its Wilson score interval, which stays inside [0, 1] and keeps
 * close to nominal coverage for the small counts and rare events of funnels and click logs.
 */
public record Proportion(long successes, long trials, double rate, Interval interval, double confidence) {
    public Proportion {
        if (trials < 0 || successes < 0 || successes > trials) {
            throw new IllegalArgumentException(
                    "need 0 <= successes <= trials, got successes=" + successes + ", trials=" + trials);
        }
        if (interval == null) {
            throw new IllegalArgumentException("interval is required");
        }
        Checks.confidence(confidence);
    }

    /** Wilson interval; with zero trials the rate is NaN and the interval is [0, 1]. */
    public static Proportion wilson(long successes, long trials, double confidence) {
        if (trials < 0 || successes < 0 || successes > trials) {
            throw new IllegalArgumentException(
                    "need 0 <= successes <= trials, got successes=" + successes + ", trials=" + trials);
        }
        if (trials == 0) {
            return new Proportion(0, 0, Double.NaN, new Interval(0, 1), confidence);
        }
        double z = Quantiles.z(confidence);
        double n = trials;
        double p = successes / n;
        double denom = 1 + z * z / n;
        double center = (p + z * z / (2 * n)) / denom;
        double half = z / denom * Math.sqrt(p * (1 - p) / n + z * z / (4 * n * n));
        // exact ends at 0 and n: the closed form lands a rounding error away from them
        double low = successes == 0 ? 0 : Math.max(0, center - half);
        double high = successes == trials ? 1 : Math.min(1, center + half);
        Interval ci = new Interval(low, high);
        return new Proportion(successes, trials, p, ci, confidence);
    }
}
