package dev.flywheel.stats;

import dev.flywheel.stats.internal.Checks;
import dev.flywheel.stats.internal.Moments;

/**
 * One arm's estimate of a per-unit metric: {@code n} units, the estimated mean and its standard error.
 * {@code df} is the degrees of freedom the standard error carries ({@code n - 1} for a plain sample
 * mean, also used for delta-method ratios).
 */
public record MeanEstimate(long n, double mean, double standardError, double df) {
    public MeanEstimate {
        if (n < 2) {
            throw new IllegalArgumentException("n must be >= 2, got " + n);
        }
        Checks.finite("mean", mean);
        Checks.nonNegative("standardError", standardError);
        if (!(df > 0)) {
            throw new IllegalArgumentException("df must be > 0, got " + df);
        }
    }

    /** The sample mean of per-unit values with standard error s / sqrt(n). */
    public static MeanEstimate ofSample(double[] values) {
        Checks.minLength("values", values.length, 2);
        double variance = Moments.variance(values);
        return new MeanEstimate(values.length, Moments.mean(values), Math.sqrt(variance / values.length),
                values.length - 1);
    }

    /** From sufficient statistics: count, sum and sum of squares of per-unit values. */
    public static MeanEstimate ofSums(long n, double sum, double sumOfSquares) {
        if (n < 2) {
            throw new IllegalArgumentException("n must be >= 2, got " + n);
        }
        double mean = sum / n;
        double variance = Math.max(0, (sumOfSquares - n * mean * mean) / (n - 1));
        return new MeanEstimate(n, mean, Math.sqrt(variance / n), n - 1);
    }

    public double variance() {
        return standardError * standardError;
    }
}
