package dev.flywheel.stats;

import dev.flywheel.stats.internal.Moments;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import org.apache.commons.statistics.distribution.ChiSquaredDistribution;
import org.apache.commons.statistics.distribution.NormalDistribution;
import org.apache.commons.statistics.inference.KolmogorovSmirnovTest;

/**
 * The statistics of the drift monitors, each comparing a current window with a reference window, as
 * Evidently defines them (../shared/INTEROP.md), so a team moving from Evidently reads the same
 * numbers: with small references (≤ 1,000 rows) tests with p-values (Kolmogorov–Smirnov for
 * numbers, chi-square for categories, drift when p &lt; 0.05); with large ones distances that do not
 * call every tiny difference significant (normalised Wasserstein, Jensen–Shannon, PSI; drift when
 * &gt; 0.1). A rate (clicks per impression) gets the two-proportion z-test.
 *
 * <p>Binned statistics (Jensen–Shannon and PSI over numbers) share Evidently's bins: {@code bins}
 * equal-width bins over the range of both windows together; an empty bin's share counts as 0.0001 so
 * the logarithms stay finite.
 */
public final class DriftTests {
    /** Evidently's replacement for an empty bin's share. */
    static final double EMPTY_SHARE = 0.0001;
    private static final NormalDistribution STANDARD_NORMAL = NormalDistribution.of(0, 1);

    private DriftTests() { }

    /** One comparison: the statistic, its p-value (NaN for a distance), the threshold, the verdict. */
    public record Result(String test, double statistic, double pValue, double threshold, boolean drifted) { }

    /** Two-sample Kolmogorov–Smirnov (exact p-value for small samples): drift when p &lt; alpha. */
    public static Result kolmogorovSmirnov(double[] reference, double[] current, double alpha) {
        nonEmpty(reference, current);
        KolmogorovSmirnovTest.TwoResult r = KolmogorovSmirnovTest.withDefaults().test(reference, current);
        return new Result("ks", r.getStatistic(), r.getPValue(), alpha, r.getPValue() < alpha);
    }

    /**
     * The first Wasserstein distance between the two empirical distributions over the reference's
     * (population) standard deviation, 0.001 when that is 0: drift when above the threshold.
     */
    public static Result wasserstein(double[] reference, double[] current, double threshold) {
        nonEmpty(reference, current);
        double[] a = reference.clone();
        double[] b = current.clone();
        Arrays.sort(a);
        Arrays.sort(b);
        double sd = Math.sqrt(Moments.variance(a) * (a.length - 1) / a.length);
        double d = wasserstein1(a, b) / (sd > 0 ? sd : 0.001);
        return new Result("wasserstein", d, Double.NaN, threshold, d > threshold);
    }

    /** ∫ |F_a − F_b| over the merged sample points (both sorted). */
    private static double wasserstein1(double[] a, double[] b) {
        double[] all = new double[a.length + b.length];
        System.arraycopy(a, 0, all, 0, a.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        Arrays.sort(all);
        double sum = 0;
        int i = 0;
        int j = 0;
        for (int k = 0; k + 1 < all.length; k++) {
            while (i < a.length && a[i] <= all[k]) i++;
            while (j < b.length && b[j] <= all[k]) j++;
            sum += Math.abs((double) i / a.length - (double) j / b.length) * (all[k + 1] - all[k]);
        }
        return sum;
    }

    /**
     * Pearson's chi-square of the current counts against the reference's shares scaled to the
     * current total, over every category either window holds: drift when p &lt; alpha. A category the
     * reference never saw, seen now, is drift (an infinite statistic, p = 0).
     */
    public static Result chiSquare(Map<String, Long> reference, Map<String, Long> current, double alpha) {
        Set<String> keys = keys(reference, current);
        double refTotal = total(reference);
        double curTotal = total(current);
        if (refTotal == 0 || curTotal == 0) throw new IllegalArgumentException("both windows need counts");
        double stat = 0;
        for (String k : keys) {
            double expected = reference.getOrDefault(k, 0L) / refTotal * curTotal;
            double observed = current.getOrDefault(k, 0L);
            if (expected == 0) {
                if (observed > 0) return new Result("chisquare", Double.POSITIVE_INFINITY, 0, alpha, true);
                continue;
            }
            stat += (observed - expected) * (observed - expected) / expected;
        }
        int df = Math.max(1, keys.size() - 1);
        double p = ChiSquaredDistribution.of(df).survivalProbability(stat);
        return new Result("chisquare", stat, p, alpha, p < alpha);
    }

    /** The Jensen–Shannon distance (natural logarithm, as scipy's) of the category shares: drift above the threshold. */
    public static Result jensenShannon(Map<String, Long> reference, Map<String, Long> current, double threshold) {
        double[][] s = shares(reference, current);
        double d = jensenShannon(s[0], s[1]);
        return new Result("jensenshannon", d, Double.NaN, threshold, d > threshold);
    }

    /** Jensen–Shannon over Evidently's bins of two numeric windows. */
    public static Result jensenShannon(double[] reference, double[] current, int bins, double threshold) {
        double[][] s = shares(reference, current, bins);
        double d = jensenShannon(s[0], s[1]);
        return new Result("jensenshannon", d, Double.NaN, threshold, d > threshold);
    }

    /** Population stability index Σ (r − c) ln(r / c) over the category shares: drift above the threshold. */
    public static Result psi(Map<String, Long> reference, Map<String, Long> current, double threshold) {
        double[][] s = shares(reference, current);
        double v = psi(s[0], s[1]);
        return new Result("psi", v, Double.NaN, threshold, v > threshold);
    }

    /** PSI over Evidently's bins of two numeric windows. */
    public static Result psi(double[] reference, double[] current, int bins, double threshold) {
        double[][] s = shares(reference, current, bins);
        double v = psi(s[0], s[1]);
        return new Result("psi", v, Double.NaN, threshold, v > threshold);
    }

    /**
     * Two-proportion z-test with the pooled rate (clicks per impression now against then): drift
     * when the two-sided p &lt; alpha.
     */
    public static Result twoProportions(long referenceHits, long referenceTrials, long currentHits, long currentTrials, double alpha) {
        if (referenceTrials <= 0 || currentTrials <= 0) throw new IllegalArgumentException("both windows need trials");
        if (referenceHits < 0 || referenceHits > referenceTrials || currentHits < 0 || currentHits > currentTrials) {
            throw new IllegalArgumentException("hits must be between 0 and the trials");
        }
        double p1 = (double) referenceHits / referenceTrials;
        double p2 = (double) currentHits / currentTrials;
        double pooled = (double) (referenceHits + currentHits) / (referenceTrials + currentTrials);
        double se = Math.sqrt(pooled * (1 - pooled) * (1.0 / referenceTrials + 1.0 / currentTrials));
        double z = se == 0 ? 0 : (p2 - p1) / se;
        double p = 2 * STANDARD_NORMAL.survivalProbability(Math.abs(z));
        return new Result("proportions", z, p, alpha, p < alpha);
    }

    static double jensenShannon(double[] p, double[] q) {
        double sp = Arrays.stream(p).sum();
        double sq = Arrays.stream(q).sum();
        double js = 0;
        for (int i = 0; i < p.length; i++) {
            double a = p[i] / sp;
            double b = q[i] / sq;
            double m = (a + b) / 2;
            if (a > 0) js += a * Math.log(a / m) / 2;
            if (b > 0) js += b * Math.log(b / m) / 2;
        }
        return Math.sqrt(Math.max(0, js));
    }

    static double psi(double[] r, double[] c) {
        double v = 0;
        for (int i = 0; i < r.length; i++) v += (r[i] - c[i]) * Math.log(r[i] / c[i]);
        return v;
    }

    /** Category shares of both windows over their union, an empty share as {@link #EMPTY_SHARE}. */
    private static double[][] shares(Map<String, Long> reference, Map<String, Long> current) {
        Set<String> keys = keys(reference, current);
        double rt = total(reference);
        double ct = total(current);
        if (rt == 0 || ct == 0) throw new IllegalArgumentException("both windows need counts");
        double[][] s = new double[2][keys.size()];
        int i = 0;
        for (String k : keys) {
            s[0][i] = share(reference.getOrDefault(k, 0L) / rt);
            s[1][i] = share(current.getOrDefault(k, 0L) / ct);
            i++;
        }
        return s;
    }

    /** Shares of {@code bins} equal-width bins over both windows' range (numpy's histogram edges). */
    private static double[][] shares(double[] reference, double[] current, int bins) {
        nonEmpty(reference, current);
        if (bins < 1) throw new IllegalArgumentException("bins must be >= 1");
        double lo = Math.min(Arrays.stream(reference).min().orElseThrow(), Arrays.stream(current).min().orElseThrow());
        double hi = Math.max(Arrays.stream(reference).max().orElseThrow(), Arrays.stream(current).max().orElseThrow());
        if (lo == hi) { // numpy widens a zero range by 0.5 on each side
            lo -= 0.5;
            hi += 0.5;
        }
        double[][] s = {histogram(reference, lo, hi, bins), histogram(current, lo, hi, bins)};
        for (double[] row : s) for (int i = 0; i < row.length; i++) row[i] = share(row[i]);
        return s;
    }

    private static double[] histogram(double[] x, double lo, double hi, int bins) {
        double[] counts = new double[bins];
        double width = (hi - lo) / bins;
        for (double v : x) counts[Math.min(bins - 1, (int) ((v - lo) / width))]++; // the last bin is closed, as numpy's
        for (int i = 0; i < bins; i++) counts[i] /= x.length;
        return counts;
    }

    private static double share(double s) {
        return s == 0 ? EMPTY_SHARE : s;
    }

    private static Set<String> keys(Map<String, Long> a, Map<String, Long> b) {
        Set<String> keys = new LinkedHashSet<>(a.keySet());
        keys.addAll(b.keySet());
        return keys;
    }

    private static double total(Map<String, Long> counts) {
        double t = 0;
        for (long c : counts.values()) {
            if (c < 0) throw new IllegalArgumentException("counts must not be negative");
            t += c;
        }
        return t;
    }

    private static void nonEmpty(double[] reference, double[] current) {
        if (reference == null || reference.length < 2 || current == null || current.length < 1) {
            throw new IllegalArgumentException("the reference needs two values and the current window one");
        }
    }
}
