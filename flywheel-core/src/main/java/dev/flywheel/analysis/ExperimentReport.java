package dev.flywheel.analysis;

import dev.flywheel.stats.ConfidenceSequence;
import dev.flywheel.stats.Cuped;
import dev.flywheel.stats.DeltaMethod;
import dev.flywheel.stats.MeanDifference;
import dev.flywheel.stats.MeanEstimate;
import dev.flywheel.stats.MultipleTesting;
import dev.flywheel.stats.SampleRatioCheck;
import dev.flywheel.stats.WelchTest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Per-arm experiment report from a table of units (one row per user): metric means, Welch differences
 * against control (delta method for ratio metrics and relative lift), CUPED when a covariate is given,
 * always-valid intervals, adjusted p-values across all (metric, arm) comparisons, and the SRM check.
 */
public record ExperimentReport(ExperimentSpec spec, List<String> arms, List<MetricReport> metrics,
                               SampleRatioCheck srm) {
    public ExperimentReport {
        arms = List.copyOf(arms);
        metrics = List.copyOf(metrics);
    }

    /** One metric across arms; {@code cupedTheta} is NaN when CUPED was not applied. */
    public record MetricReport(String metric, boolean ratio, double cupedTheta, Map<String, ArmReport> arms) {
        public MetricReport {
            arms = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(arms));
        }
    }

    /**
     * One arm of one metric. {@code mean} is the raw mean; the comparison ({@code vsControl}, which is
     * CUPED-adjusted when CUPED applies) and the rest are null for the control arm.
     */
    public record ArmReport(String arm, long n, double mean, MeanDifference vsControl, MeanDifference unadjusted,
                            ConfidenceSequence sequential, double adjustedP) {
    }

    public static ExperimentReport analyze(Table table, ExperimentSpec spec) {
        return analyze(table, spec, Map.of());
    }

    /**
     * As {@link #analyze(Table, ExperimentSpec)}, with a CUPED covariate column per metric (a metric not
     * in the map uses the spec's covariate, if any): a store gives each metric its own pre-period value.
     */
    public static ExperimentReport analyze(Table table, ExperimentSpec spec, Map<String, String> covariateByMetric) {
        String[] armValues = table.strings(spec.armColumn());
        List<String> arms = orderedArms(armValues, spec.control(), spec.armColumn());
        List<MetricReport> metrics = new ArrayList<>();
        for (String metric : spec.metrics()) {
            metrics.add(analyzeMetric(table, spec, arms, armValues, metric,
                    covariateByMetric.getOrDefault(metric, spec.covariate())));
        }
        return new ExperimentReport(spec, arms, adjust(metrics, spec.correction()), srm(arms, armValues, spec));
    }

    /**
     * The same report from per-arm sufficient statistics, which a store aggregates in SQL so that no
     * row per unit has to move; CUPED needs per-unit rows, so a covariate is refused here.
     */
    public static ExperimentReport analyze(List<ArmMoments> moments, ExperimentSpec spec) {
        if (spec.covariate() != null) {
            throw new IllegalArgumentException("covariate: CUPED needs per-unit rows, not per-arm moments");
        }
        List<String> arms = orderedArms(moments.stream().map(ArmMoments::arm).toArray(String[]::new),
                spec.control(), spec.armColumn());
        Map<String, ArmMoments> byArm = new LinkedHashMap<>();
        moments.forEach(m -> byArm.put(m.arm(), m));
        List<MetricReport> metrics = new ArrayList<>();
        for (String metric : spec.metrics()) {
            MeanEstimate[] raw = new MeanEstimate[arms.size()];
            for (int a = 0; a < raw.length; a++) {
                raw[a] = estimate(byArm.get(arms.get(a)), metric);
            }
            boolean ratio = metric.indexOf('/') >= 0 && !moments.get(0).means().containsKey(metric);
            metrics.add(compare(spec, arms, metric, ratio, Double.NaN, raw, raw));
        }
        long[] observed = arms.stream().mapToLong(a -> byArm.get(a).n()).toArray();
        return new ExperimentReport(spec, arms, adjust(metrics, spec.correction()), srm(arms, observed, spec));
    }

    /** As {@link MeanEstimate#ofSample} or {@link DeltaMethod#ratio}, from moments. */
    private static MeanEstimate estimate(ArmMoments m, String metric) {
        if (m.n() < 2) {
            throw new IllegalArgumentException("arm '" + m.arm() + "' has " + m.n() + " units; need >= 2 for metric '"
                    + metric + "'");
        }
        int slash = metric.indexOf('/');
        if (m.means().containsKey(metric) || slash < 0) {
            return new MeanEstimate(m.n(), m.mean(metric), Math.sqrt(m.variance(metric) / m.n()), m.n() - 1);
        }
        String num = metric.substring(0, slash).trim();
        String den = metric.substring(slash + 1).trim();
        double my = m.mean(num);
        double mx = m.mean(den);
        if (mx == 0) {
            throw new IllegalArgumentException("metric '" + metric + "': denominator has mean zero in arm '" + m.arm()
                    + "': the ratio is undefined");
        }
        double v = DeltaMethod.ratioVariance(my, mx, m.variance(num), m.variance(den), m.covariance(metric), m.n());
        return new MeanEstimate(m.n(), my / mx, Math.sqrt(v), m.n() - 1);
    }

    private static List<String> orderedArms(String[] armValues, String control, String column) {
        TreeSet<String> distinct = new TreeSet<>(List.of(armValues));
        if (!distinct.contains(control)) {
            throw new IllegalArgumentException("control value '" + control + "' not found in column '" + column
                    + "'; values are " + distinct);
        }
        if (distinct.size() < 2) {
            throw new IllegalArgumentException("column '" + column + "' has only one arm: " + distinct);
        }
        List<String> arms = new ArrayList<>();
        arms.add(control);
        distinct.stream().filter(a -> !a.equals(control)).forEach(arms::add);
        return arms;
    }

    private static MetricReport analyzeMetric(Table table, ExperimentSpec spec, List<String> arms,
                                              String[] armValues, String metric, String covariateColumn) {
        MetricColumns cols = MetricColumns.of(table, metric);
        double[] covariate = covariateColumn == null || cols.isRatio() ? null : table.doubles(covariateColumn);
        double[][] y = split(cols.numerator(), armValues, arms);
        double[][] den = cols.isRatio() ? split(cols.denominator(), armValues, arms) : null;
        double[][] x = covariate == null ? null : split(covariate, armValues, arms);
        Cuped cuped = x == null ? null : Cuped.fit(y, x);
        MeanEstimate[] raw = new MeanEstimate[arms.size()];
        MeanEstimate[] adjusted = new MeanEstimate[arms.size()];
        for (int a = 0; a < arms.size(); a++) {
            raw[a] = estimate(y[a], den == null ? null : den[a], arms.get(a), metric);
            adjusted[a] = cuped == null ? raw[a] : MeanEstimate.ofSample(cuped.adjust(y[a], x[a]));
        }
        if (cuped == null) {
            adjusted = raw;
        }
        return compare(spec, arms, metric, cols.isRatio(), cuped == null ? Double.NaN : cuped.theta(), raw, adjusted);
    }

    /** Differences of each arm against control (index 0) from per-arm estimates, raw and adjusted. */
    private static MetricReport compare(ExperimentSpec spec, List<String> arms, String metric, boolean ratio,
                                        double theta, MeanEstimate[] raw, MeanEstimate[] adjusted) {
        Map<String, ArmReport> reports = new LinkedHashMap<>();
        long total = 0;
        for (MeanEstimate e : raw) {
            total += e.n();
        }
        reports.put(arms.get(0), new ArmReport(arms.get(0), raw[0].n(), raw[0].mean(), null, null, null, Double.NaN));
        for (int a = 1; a < arms.size(); a++) {
            MeanDifference d = WelchTest.compare(adjusted[a], adjusted[0], spec.confidence());
            MeanDifference u = adjusted == raw ? d : WelchTest.compare(raw[a], raw[0], spec.confidence());
            ConfidenceSequence cs = ConfidenceSequence.forDifference(d, 1 - spec.confidence(),
                    spec.plannedUnits() > 0 ? spec.plannedUnits() : total);
            reports.put(arms.get(a), new ArmReport(arms.get(a), raw[a].n(), raw[a].mean(), d, u, cs, Double.NaN));
        }
        return new MetricReport(metric, ratio, theta, reports);
    }

    private static MeanEstimate estimate(double[] y, double[] den, String arm, String metric) {
        if (y.length < 2) {
            throw new IllegalArgumentException("arm '" + arm + "' has " + y.length + " units; need >= 2 for metric '"
                    + metric + "'");
        }
        return den == null ? MeanEstimate.ofSample(y) : DeltaMethod.ratio(y, den);
    }

    private static double[][] split(double[] values, String[] armValues, List<String> arms) {
        Map<String, Integer> pos = new LinkedHashMap<>();
        for (int a = 0; a < arms.size(); a++) {
            pos.put(arms.get(a), a);
        }
        int[] counts = new int[arms.size()];
        for (String v : armValues) {
            counts[pos.get(v)]++;
        }
        double[][] out = new double[arms.size()][];
        for (int a = 0; a < out.length; a++) {
            out[a] = new double[counts[a]];
        }
        int[] fill = new int[arms.size()];
        for (int i = 0; i < values.length; i++) {
            int a = pos.get(armValues[i]);
            out[a][fill[a]++] = values[i];
        }
        return out;
    }

    private static List<MetricReport> adjust(List<MetricReport> metrics, MultipleTesting.Method method) {
        List<Double> p = new ArrayList<>();
        for (MetricReport m : metrics) {
            m.arms().values().stream().filter(r -> r.vsControl() != null).forEach(r -> p.add(r.vsControl().pValue()));
        }
        double[] adjusted = MultipleTesting.adjust(p.stream().mapToDouble(Double::doubleValue).toArray(), method);
        List<MetricReport> out = new ArrayList<>();
        int k = 0;
        for (MetricReport m : metrics) {
            Map<String, ArmReport> arms = new LinkedHashMap<>();
            for (ArmReport r : m.arms().values()) {
                arms.put(r.arm(), r.vsControl() == null ? r : new ArmReport(r.arm(), r.n(), r.mean(), r.vsControl(),
                        r.unadjusted(), r.sequential(), adjusted[k++]));
            }
            out.add(new MetricReport(m.metric(), m.ratio(), m.cupedTheta(), arms));
        }
        return out;
    }

    private static SampleRatioCheck srm(List<String> arms, String[] armValues, ExperimentSpec spec) {
        long[] observed = new long[arms.size()];
        for (String v : armValues) {
            observed[arms.indexOf(v)]++;
        }
        return srm(arms, observed, spec);
    }

    private static SampleRatioCheck srm(List<String> arms, long[] observed, ExperimentSpec spec) {
        if (spec.expectedSplit() == null) {
            return SampleRatioCheck.equalSplit(observed);
        }
        double[] shares = new double[arms.size()];
        for (int a = 0; a < shares.length; a++) {
            Double w = spec.expectedSplit().get(arms.get(a));
            if (w == null) {
                throw new IllegalArgumentException("expected split has no weight for arm '" + arms.get(a) + "'");
            }
            shares[a] = w;
        }
        return SampleRatioCheck.test(observed, shares);
    }

    /** A metric's numerator column and, for {@code num/den}, its denominator column. */
    private record MetricColumns(double[] numerator, double[] denominator) {
        static MetricColumns of(Table table, String metric) {
            int slash = metric.indexOf('/');
            if (table.hasColumn(metric) || slash < 0) {
                return new MetricColumns(table.doubles(metric), null);
            }
            return new MetricColumns(table.doubles(metric.substring(0, slash).trim()),
                    table.doubles(metric.substring(slash + 1).trim()));
        }

        boolean isRatio() {
            return denominator != null;
        }
    }
}
