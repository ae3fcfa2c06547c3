package dev.flywheel.stats;

import dev.flywheel.stats.internal.Checks;
import dev.flywheel.stats.internal.Quantiles;

/**
 * Welch's unequal-variance t interval and test for the difference of two independent means, with the
 * Welch–Satterthwaite degrees of freedom.
 */
public final class WelchTest {
    private WelchTest() {
    }

    /** Compares two arms at the given two-sided confidence (e.g. 0.95). */
    public static MeanDifference compare(MeanEstimate treatment, MeanEstimate control, double confidence) {
        Checks.confidence(confidence);
        double vt = treatment.variance();
        double vc = control.variance();
        double se = Math.sqrt(vt + vc);
        double df = degreesOfFreedom(treatment, control);
        double diff = treatment.mean() - control.mean();
        double half = Quantiles.t(confidence, df) * se;
        double p = se > 0 ? Quantiles.twoSidedP(diff / se, df) : (diff == 0 ? 1.0 : 0.0);
        double rel = Double.NaN;
        Interval relCi = null;
        if (control.mean() != 0) {
            rel = DeltaMethod.relativeLift(treatment, control);
            double relHalf = Quantiles.z(confidence) * DeltaMethod.relativeLiftStandardError(treatment, control);
            relCi = Interval.around(rel, relHalf);
        }
        return new MeanDifference(treatment, control, diff, se, df, Interval.around(diff, half), p, rel, relCi,
                confidence);
    }

    /**
     * Welch–Satterthwaite: (vt + vc)^2 / (vt^2 / dft + vc^2 / dfc) with v the squared standard errors.
     * Infinite when both variances are zero (the difference is then exact).
     */
    public static double degreesOfFreedom(MeanEstimate treatment, MeanEstimate control) {
        double vt = treatment.variance();
        double vc = control.variance();
        double denominator = vt * vt / treatment.df() + vc * vc / control.df();
        if (denominator == 0) {
            return Double.POSITIVE_INFINITY;
        }
        return (vt + vc) * (vt + vc) / denominator;
    }
}
