package dev.flywheel.stats.internal;

import org.apache.commons.statistics.distribution.NormalDistribution;
import org.apache.commons.statistics.distribution.TDistribution;

/** Critical values and two-sided p-values of the normal and Student t distributions. */
public final class Quantiles {
    private static final NormalDistribution STANDARD_NORMAL = NormalDistribution.of(0, 1);

    private Quantiles() {
    }

    /** z such that P(|Z| <= z) = confidence. */
    public static double z(double confidence) {
        Checks.confidence(confidence);
        return STANDARD_NORMAL.inverseCumulativeProbability(0.5 + confidence / 2);
    }

    /** t such that P(|T_df| <= t) = confidence; infinite df gives the normal value. */
    public static double t(double confidence, double df) {
        Checks.confidence(confidence);
        if (Double.isInfinite(df)) {
            return z(confidence);
        }
        return TDistribution.of(df).inverseCumulativeProbability(0.5 + confidence / 2);
    }

    /** Two-sided p-value of statistic {@code stat} under Student t with {@code df} (normal if infinite). */
    public static double twoSidedP(double stat, double df) {
        if (Double.isNaN(stat)) {
            return Double.NaN;
        }
        double a = Math.abs(stat);
        double tail = Double.isInfinite(df) ? STANDARD_NORMAL.survivalProbability(a)
                : TDistribution.of(df).survivalProbability(a);
        return Math.min(1.0, 2 * tail);
    }
}
