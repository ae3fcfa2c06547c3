package dev.flywheel.stats;

import java.util.List;

/**
 * Whether treated and control units are comparable: propensity ranges per group, how many units fell
 * outside the trimming bounds, and per covariate the standardised mean difference (difference of means
 * over the pooled standard deviation sqrt((s_t^2 + s_c^2) / 2)) before and after weighting. |SMD| under
 * 0.1 after weighting is the usual sign of good balance.
 */
public record OverlapDiagnostics(Interval treatedPropensityRange, Interval controlPropensityRange, int trimmed,
                                 double shareTrimmed, Interval trimBounds, List<Balance> balance) {
    public OverlapDiagnostics {
        if (treatedPropensityRange == null || controlPropensityRange == null || trimBounds == null) {
            throw new IllegalArgumentException("propensity ranges and trimBounds are required");
        }
        balance = List.copyOf(balance);
    }

    /** Balance of one covariate. */
    public record Balance(String covariate, double smdBefore, double smdAfter) {
    }

    /**
     * SMD of covariate column {@code j} under weights {@code w}; the pooled SD is the unweighted one, so
     * before/after values share a scale.
     */
    public static double standardizedMeanDifference(ObservationalData data, int j, double[] w) {
        double[][] x = data.rawCovariates();
        boolean[] t = data.rawTreated();
        double[] col = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            col[i] = x[i][j];
        }
        double diff = EffectEstimators.weightedMean(col, t, w, true) - EffectEstimators.weightedMean(col, t, w, false);
        double vt = variance(col, t, true);
        double vc = variance(col, t, false);
        double sd = Math.sqrt((vt + vc) / 2);
        return sd == 0 ? 0 : diff / sd;
    }

    private static double variance(double[] x, boolean[] t, boolean group) {
        double s = 0;
        double ss = 0;
        int n = 0;
        for (int i = 0; i < x.length; i++) {
            if (t[i] == group) {
                s += x[i];
                ss += x[i] * x[i];
                n++;
            }
        }
        double m = s / n;
        return n > 1 ? (ss - n * m * m) / (n - 1) : 0;
    }
}
