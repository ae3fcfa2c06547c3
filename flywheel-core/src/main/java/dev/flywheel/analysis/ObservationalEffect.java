package dev.flywheel.analysis;

import dev.flywheel.stats.EffectEstimators;
import dev.flywheel.stats.Estimand;
import dev.flywheel.stats.Interval;
import dev.flywheel.stats.ObservationalData;
import dev.flywheel.stats.OverlapDiagnostics;
import dev.flywheel.stats.PropensityScores;
import dev.flywheel.stats.internal.Bootstrap;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Treatment effect without randomisation: a logistic propensity model, trimming of units with extreme
 * propensities, then naive, IPW, AIPW and propensity-matching estimates on the kept units, each with a
 * seeded percentile-bootstrap interval that refits the propensity and outcome models on every resample
 * (the trimming itself is not redone). Matching intervals from the bootstrap are known to be somewhat
 * conservative/unreliable (Abadie & Imbens 2008); they are reported for orientation.
 */
public record ObservationalEffect(Estimand estimand, int units, int kept, Map<String, Estimate> estimates,
                                  OverlapDiagnostics overlap) {
    public static final List<String> METHODS = List.of("naive", "ipw", "aipw", "matching");

    public ObservationalEffect {
        estimates = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(estimates));
    }

    /** One method's point estimate and bootstrap interval. */
    public record Estimate(String method, double estimate, Interval ci) {
    }

    /** Reads the treatment (0/1 or true/false), outcome and covariate columns of a table. */
    public static ObservationalEffect analyze(Table table, String treatment, String outcome, List<String> covariates,
                                              EffectOptions options) {
        if (covariates.isEmpty()) {
            throw new IllegalArgumentException("at least one covariate is required");
        }
        double[] t = table.doubles(treatment);
        boolean[] treated = new boolean[t.length];
        for (int i = 0; i < t.length; i++) {
            if (t[i] != 0 && t[i] != 1) {
                throw new IllegalArgumentException("column '" + treatment + "' row " + (i + 1)
                        + " must be 0/1 or true/false, got " + t[i]);
            }
            treated[i] = t[i] == 1;
        }
        double[][] x = new double[t.length][covariates.size()];
        for (int j = 0; j < covariates.size(); j++) {
            double[] col = table.doubles(covariates.get(j));
            for (int i = 0; i < t.length; i++) {
                x[i][j] = col[i];
            }
        }
        return analyze(new ObservationalData(x, treated, table.doubles(outcome)), covariates, options);
    }

    public static ObservationalEffect analyze(ObservationalData data, List<String> covariateNames,
                                              EffectOptions options) {
        double[] e = PropensityScores.fit(data);
        int[] keep = keptIndices(e, options);
        if (keep.length < 4) {
            throw new IllegalArgumentException("trimming to [" + options.trimLow() + ", " + options.trimHigh()
                    + "] leaves " + keep.length + " units");
        }
        ObservationalData kept = data.select(keep);
        double[] point = estimateAll(kept, options.estimand());
        double[][] reps = bootstrap(kept, options);
        Map<String, Estimate> out = new LinkedHashMap<>();
        for (int m = 0; m < METHODS.size(); m++) {
            double[] ci = Bootstrap.percentile(reps[m], options.confidence());
            out.put(METHODS.get(m), new Estimate(METHODS.get(m), point[m],
                    new Interval(Math.min(ci[0], point[m]), Math.max(ci[1], point[m]))));
        }
        OverlapDiagnostics overlap = overlap(data, e, kept, covariateNames, options);
        return new ObservationalEffect(options.estimand(), data.size(), keep.length, out, overlap);
    }

    private static double[] estimateAll(ObservationalData d, Estimand estimand) {
        double[] e = PropensityScores.fit(d);
        return new double[] {EffectEstimators.naive(d), EffectEstimators.ipw(d, e, estimand),
            EffectEstimators.aipw(d, e, estimand), EffectEstimators.matching(d, e, estimand)};
    }

    /** replicates[method][b]; a resample that lacks one group is recorded as NaN and skipped. */
    private static double[][] bootstrap(ObservationalData d, EffectOptions options) {
        SplittableRandom random = new SplittableRandom(options.seed());
        double[][] reps = new double[METHODS.size()][options.bootstrap()];
        for (int b = 0; b < options.bootstrap(); b++) {
            double[] est;
            try {
                est = estimateAll(d.select(Bootstrap.resample(d.size(), random)), options.estimand());
            } catch (IllegalArgumentException degenerate) {
                est = new double[] {Double.NaN, Double.NaN, Double.NaN, Double.NaN};
            }
            for (int m = 0; m < est.length; m++) {
                reps[m][b] = est[m];
            }
        }
        return reps;
    }

    private static int[] keptIndices(double[] e, EffectOptions options) {
        return java.util.stream.IntStream.range(0, e.length)
                .filter(i -> e[i] >= options.trimLow() && e[i] <= options.trimHigh()).toArray();
    }

    private static OverlapDiagnostics overlap(ObservationalData all, double[] e, ObservationalData kept,
                                              List<String> names, EffectOptions options) {
        boolean[] t = all.treated();
        double[] ones = new double[all.size()];
        java.util.Arrays.fill(ones, 1);
        double[] keptE = PropensityScores.fit(kept);
        double[] w = EffectEstimators.weights(kept.treated(), keptE, options.estimand());
        List<OverlapDiagnostics.Balance> balance = new ArrayList<>();
        for (int j = 0; j < all.covariateCount(); j++) {
            balance.add(new OverlapDiagnostics.Balance(names.get(j),
                    OverlapDiagnostics.standardizedMeanDifference(all, j, ones),
                    OverlapDiagnostics.standardizedMeanDifference(kept, j, w)));
        }
        int trimmed = all.size() - kept.size();
        return new OverlapDiagnostics(range(e, t, true), range(e, t, false), trimmed,
                (double) trimmed / all.size(), new Interval(options.trimLow(), options.trimHigh()), balance);
    }

    private static Interval range(double[] e, boolean[] t, boolean group) {
        double lo = 1;
        double hi = 0;
        for (int i = 0; i < e.length; i++) {
            if (t[i] == group) {
                lo = Math.min(lo, e[i]);
                hi = Math.max(hi, e[i]);
            }
        }
        return new Interval(lo, hi);
    }
}
