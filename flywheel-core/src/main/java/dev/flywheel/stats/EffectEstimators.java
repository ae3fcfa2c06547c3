package dev.flywheel.stats;

import dev.flywheel.stats.internal.LinearRegression;
import java.util.Arrays;

/**
 * Point estimators of a treatment effect from observational data and propensity scores e_i. Weighted
 * estimators are normalised (Hájek), which is stabler than Horvitz–Thompson when some e_i are extreme.
 * The AIPW outcome models are linear regressions fitted separately on treated and control units.
 * Uncertainty comes from the caller's bootstrap, which refits e and the outcome models each time.
 */
public final class EffectEstimators {
    private EffectEstimators() {
    }

    /** Difference of raw group means: biased under confounding, reported as the baseline. */
    public static double naive(ObservationalData data) {
        boolean[] t = data.rawTreated();
        double[] y = data.rawOutcome();
        double[] w = new double[y.length];
        Arrays.fill(w, 1);
        return weightedMean(y, t, w, true) - weightedMean(y, t, w, false);
    }

    /** Inverse-propensity weighting with the weights of {@link #weights}. */
    public static double ipw(ObservationalData data, double[] e, Estimand estimand) {
        double[] w = weights(data.rawTreated(), e, estimand);
        return weightedMean(data.rawOutcome(), data.rawTreated(), w, true)
                - weightedMean(data.rawOutcome(), data.rawTreated(), w, false);
    }

    /**
     * ATE weights 1/e (treated), 1/(1-e) (control); ATT weights 1 (treated), e/(1-e) (control), which
     * reweight the controls to the treated group's covariate distribution.
     */
    public static double[] weights(boolean[] treated, double[] e, Estimand estimand) {
        double[] w = new double[e.length];
        for (int i = 0; i < e.length; i++) {
            if (estimand == Estimand.ATE) {
                w[i] = treated[i] ? 1 / e[i] : 1 / (1 - e[i]);
            } else {
                w[i] = treated[i] ? 1 : e[i] / (1 - e[i]);
            }
        }
        return w;
    }

    /**
     * Augmented IPW (doubly robust: consistent if either the propensity or the outcome model is right).
     * ATE: mean of m1 - m0 + T (Y - m1) / e - (1 - T)(Y - m0) / (1 - e), with normalised weights.
     * ATT: mean over treated of (Y - m0) minus the e/(1-e)-weighted mean over controls of (Y - m0).
     */
    public static double aipw(ObservationalData data, double[] e, Estimand estimand) {
        double[][] x = data.rawCovariates();
        boolean[] t = data.rawTreated();
        double[] y = data.rawOutcome();
        boolean[] control = new boolean[t.length];
        for (int i = 0; i < t.length; i++) {
            control[i] = !t[i];
        }
        double[] b0 = LinearRegression.fit(x, y, control);
        double[] r0 = new double[y.length];
        double[] m0 = new double[y.length];
        for (int i = 0; i < y.length; i++) {
            m0[i] = LinearRegression.predict(b0, x[i]);
            r0[i] = y[i] - m0[i];
        }
        double[] w = weights(t, e, estimand);
        if (estimand == Estimand.ATT) {
            return weightedMean(r0, t, w, true) - weightedMean(r0, t, w, false);
        }
        double[] b1 = LinearRegression.fit(x, y, t);
        double[] r1 = new double[y.length];
        double modelDiff = 0;
        for (int i = 0; i < y.length; i++) {
            double m1 = LinearRegression.predict(b1, x[i]);
            r1[i] = y[i] - m1;
            modelDiff += m1 - m0[i];
        }
        return modelDiff / y.length + weightedMean(r1, t, w, true) - weightedMean(r0, t, w, false);
    }

    /**
     * One-nearest-neighbour matching on the propensity score, with replacement. ATT matches each
     * treated unit to its closest control; ATE also matches each control to its closest treated unit
     * and averages the imputed individual effects over everyone.
     */
    public static double matching(ObservationalData data, double[] e, Estimand estimand) {
        boolean[] t = data.rawTreated();
        double[] y = data.rawOutcome();
        Neighbours controls = Neighbours.of(e, t, false, y);
        Neighbours treated = Neighbours.of(e, t, true, y);
        double sum = 0;
        int count = 0;
        for (int i = 0; i < y.length; i++) {
            if (t[i]) {
                sum += y[i] - controls.nearestOutcome(e[i]);
                count++;
            } else if (estimand == Estimand.ATE) {
                sum += treated.nearestOutcome(e[i]) - y[i];
                count++;
            }
        }
        return sum / count;
    }

    static double weightedMean(double[] y, boolean[] treated, double[] w, boolean group) {
        double s = 0;
        double sw = 0;
        for (int i = 0; i < y.length; i++) {
            if (treated[i] == group) {
                s += w[i] * y[i];
                sw += w[i];
            }
        }
        return s / sw;
    }

    /** The units of one group sorted by score, for nearest-score lookup by binary search. */
    private record Neighbours(double[] scores, double[] outcomes) {
        static Neighbours of(double[] e, boolean[] t, boolean group, double[] y) {
            Integer[] idx = java.util.stream.IntStream.range(0, e.length).filter(i -> t[i] == group).boxed()
                    .sorted(java.util.Comparator.comparingDouble(i -> e[i])).toArray(Integer[]::new);
            double[] s = new double[idx.length];
            double[] o = new double[idx.length];
            for (int k = 0; k < idx.length; k++) {
                s[k] = e[idx[k]];
                o[k] = y[idx[k]];
            }
            return new Neighbours(s, o);
        }

        double nearestOutcome(double score) {
            int pos = Arrays.binarySearch(scores, score);
            if (pos >= 0) {
                return outcomes[pos];
            }
            int hi = -pos - 1;
            if (hi == 0) {
                return outcomes[0];
            }
            if (hi == scores.length) {
                return outcomes[scores.length - 1];
            }
            return score - scores[hi - 1] <= scores[hi] - score ? outcomes[hi - 1] : outcomes[hi];
        }
    }
}
