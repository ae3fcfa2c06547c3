package dev.flywheel.stats;

import dev.flywheel.stats.internal.Checks;
import dev.flywheel.stats.internal.Moments;

/**
 * CUPED variance reduction with one pre-period covariate X: Y' = Y - theta (X - mean(X)) with
 * theta = Cov(Y, X) / Var(X) computed over all units of all arms together (pooled), so that every arm
 * is adjusted with the same theta and the difference of adjusted means stays unbiased under
 * randomisation (X is pre-period, hence independent of the assignment).
 */
public record Cuped(double theta, double covariateMean) {
    public Cuped {
        Checks.finite("theta", theta);
        Checks.finite("covariateMean", covariateMean);
    }

    /** Fits theta on the pooled units; {@code metric[a]} and {@code covariate[a]} are arm a's units. */
    public static Cuped fit(double[][] metricByArm, double[][] covariateByArm) {
        Checks.sameLength("metricByArm", metricByArm.length, "covariateByArm", covariateByArm.length);
        double[] y = concat(metricByArm);
        double[] x = concat(covariateByArm);
        Checks.sameLength("metric", y.length, "covariate", x.length);
        double varX = Moments.variance(x);
        double theta = varX == 0 ? 0 : Moments.covariance(y, x) / varX;
        return new Cuped(theta, Moments.mean(x));
    }

    /** The adjusted per-unit values of one arm. */
    public double[] adjust(double[] metric, double[] covariate) {
        Checks.sameLength("metric", metric.length, "covariate", covariate.length);
        double[] out = new double[metric.length];
        for (int i = 0; i < metric.length; i++) {
            out[i] = metric[i] - theta * (covariate[i] - covariateMean);
        }
        return out;
    }

    private static double[] concat(double[][] parts) {
        int n = 0;
        for (double[] p : parts) {
            n += p.length;
        }
        double[] out = new double[n];
        int k = 0;
        for (double[] p : parts) {
            System.arraycopy(p, 0, out, k, p.length);
            k += p.length;
        }
        return out;
    }
}
