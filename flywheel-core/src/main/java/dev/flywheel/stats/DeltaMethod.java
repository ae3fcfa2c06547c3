package dev.flywheel.stats;

import dev.flywheel.stats.internal.Checks;
import dev.flywheel.stats.internal.Moments;

/**
 * First-order (delta-method) standard errors for ratios: ratio metrics such as clicks per impression
 * computed as sum(num) / sum(den) over units, and the relative lift between two independent arms.
 */
public final class DeltaMethod {
    private DeltaMethod() {
    }

    /**
     * Ratio of means R = mean(num) / mean(den) over units, with
     * Var(R) ≈ (Var(Y) - 2 R Cov(Y, X) + R^2 Var(X)) / (n mean(X)^2).
     */
    public static MeanEstimate ratio(double[] numerator, double[] denominator) {
        Checks.sameLength("numerator", numerator.length, "denominator", denominator.length);
        Checks.minLength("numerator", numerator.length, 2);
        double my = Moments.mean(numerator);
        double mx = Moments.mean(denominator);
        if (mx == 0) {
            throw new IllegalArgumentException("denominator has mean zero: the ratio is undefined");
        }
        double variance = ratioVariance(my, mx, Moments.variance(numerator), Moments.variance(denominator),
                Moments.covariance(numerator, denominator), numerator.length);
        return new MeanEstimate(numerator.length, my / mx, Math.sqrt(variance), numerator.length - 1);
    }

    /** Var(mean(Y) / mean(X)) from per-unit moments over n units. */
    public static double ratioVariance(double meanY, double meanX, double varY, double varX, double covXY, long n) {
        if (n < 1) {
            throw new IllegalArgumentException("n must be >= 1, got " + n);
        }
        double r = meanY / meanX;
        double v = (varY - 2 * r * covXY + r * r * varX) / (n * meanX * meanX);
        return Math.max(0, v);
    }

    /** treatment.mean / control.mean - 1. */
    public static double relativeLift(MeanEstimate treatment, MeanEstimate control) {
        return treatment.mean() / control.mean() - 1;
    }

    /** SE of mt / mc for independent arms: sqrt(vt / mc^2 + mt^2 vc / mc^4). */
    public static double relativeLiftStandardError(MeanEstimate treatment, MeanEstimate control) {
        double mc = control.mean();
        double mt = treatment.mean();
        double v = treatment.variance() / (mc * mc) + mt * mt * control.variance() / (mc * mc * mc * mc);
        return Math.sqrt(v);
    }
}
