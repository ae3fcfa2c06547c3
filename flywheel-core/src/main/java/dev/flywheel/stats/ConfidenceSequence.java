package dev.flywheel.stats;

import dev.flywheel.stats.internal.Checks;
import org.apache.commons.statistics.distribution.NormalDistribution;

/**
 * Asymptotic confidence sequences (Waudby-Smith, Arbour, Sinha, Kennedy, Ramdas, "Time-uniform central
 * limit theory and asymptotic confidence sequences", 2021): intervals that hold simultaneously at all
 * sample sizes, so a guardrail may look after every batch and stop at any time.
 *
 * <p>For a mean estimated from n units with per-unit standard deviation sigma the boundary is
 * sigma * sqrt(2 (n rho^2 + 1) / (n^2 rho^2) * log(sqrt(n rho^2 + 1) / alpha)). Written against the
 * standard error se = sigma / sqrt(n) this is se times {@link #multiplier}. rho tunes where the
 * sequence is tightest; {@link #rhoFor} picks the value optimal at a planned sample size.
 *
 * <p>A test that only asks one question of a side (is the canary better? is it worse?) needs a
 * one-sided bound: {@link #oneSidedMultiplier} is the one-sided normal mixture (Howard, Ramdas,
 * McAuliffe, Sekhon 2021, the mixture over positive λ only), about the two-sided boundary at 2α.
 */
public record ConfidenceSequence(double estimate, Interval interval, long n, double alpha, double rho) {
    private static final NormalDistribution STANDARD_NORMAL = NormalDistribution.of(0, 1);

    public ConfidenceSequence {
        Checks.finite("estimate", estimate);
        if (interval == null) {
            throw new IllegalArgumentException("interval is required");
        }
        if (n < 1) {
            throw new IllegalArgumentException("n must be >= 1, got " + n);
        }
        checkAlpha(alpha);
        if (!(rho > 0)) {
            throw new IllegalArgumentException("rho must be > 0, got " + rho);
        }
    }

    /** rho minimising the width at {@code plannedN}: sqrt((-2 log a + log(-2 log a + 1)) / plannedN). */
    public static double rhoFor(double plannedN, double alpha) {
        checkAlpha(alpha);
        if (!(plannedN >= 1)) {
            throw new IllegalArgumentException("plannedN must be >= 1, got " + plannedN);
        }
        double l = -2 * Math.log(alpha);
        return Math.sqrt((l + Math.log(l + 1)) / plannedN);
    }

    /** The factor k(n) such that estimate ± k(n) * standardError is the always-valid interval at n. */
    public static double multiplier(long n, double rho, double alpha) {
        checkAlpha(alpha);
        double nr2 = n * rho * rho;
        return Math.sqrt(2 * (nr2 + 1) / nr2 * Math.log(Math.sqrt(nr2 + 1) / alpha));
    }

    /**
     * The factor k(n) such that estimate − k(n) · standardError is an always-valid lower bound at
     * level alpha (and estimate + k(n) · standardError an upper one): with x = nρ² + 1 and
     * k = z · sqrt(x / (nρ²)), z solves z²/2 + log Φ(z) = log(sqrt(x) / (2α)), the crossing point of
     * the half-normal mixture martingale 2 sqrt(1/x) exp(z²/2) Φ(z) = 1/α. The left side grows with z,
     * so bisection finds it.
     */
    public static double oneSidedMultiplier(long n, double rho, double alpha) {
        checkAlpha(alpha);
        double nr2 = n * rho * rho;
        double target = Math.log(Math.sqrt(nr2 + 1) / (2 * alpha));
        double lo = 0;
        double hi = Math.sqrt(2 * Math.max(target, 0)) + 1;
        for (int i = 0; i < 100 && hi - lo > 1e-12; i++) {
            double mid = (lo + hi) / 2;
            if (mid * mid / 2 + Math.log(STANDARD_NORMAL.cumulativeProbability(mid)) < target) lo = mid;
            else hi = mid;
        }
        return (lo + hi) / 2 * Math.sqrt((nr2 + 1) / nr2);
    }

    /**
     * For a difference, as {@link #forDifference}, but each side of the interval is a one-sided
     * always-valid bound at level alpha (so the two sides together hold at 2α): for rules that act on
     * one side each, with alpha already split between them.
     */
    public static ConfidenceSequence boundsForDifference(MeanDifference difference, double alpha, double plannedN) {
        long n = difference.treatment().n() + difference.control().n();
        double rho = rhoFor(plannedN, alpha);
        double half = oneSidedMultiplier(n, rho, alpha) * difference.standardError();
        return new ConfidenceSequence(difference.diff(), Interval.around(difference.diff(), half), n, alpha, rho);
    }

    /**
     * The always-valid interval for a difference after n units in total (all arms), tuned for a planned
     * total of {@code plannedN}. Uses the difference's standard error, so it is the same Welch-style
     * quantity as the fixed-horizon interval with a wider, time-uniform multiplier.
     */
    public static ConfidenceSequence forDifference(MeanDifference difference, double alpha, double plannedN) {
        long n = difference.treatment().n() + difference.control().n();
        return of(difference.diff(), difference.standardError(), n, alpha, rhoFor(plannedN, alpha));
    }

    /** estimate ± multiplier(n) * standardError. */
    public static ConfidenceSequence of(double estimate, double standardError, long n, double alpha, double rho) {
        Checks.nonNegative("standardError", standardError);
        double half = multiplier(n, rho, alpha) * standardError;
        return new ConfidenceSequence(estimate, Interval.around(estimate, half), n, alpha, rho);
    }

    private static void checkAlpha(double alpha) {
        if (!(alpha > 0 && alpha < 1)) {
            throw new IllegalArgumentException("alpha must be in (0, 1), got " + alpha);
        }
    }
}
