package dev.flywheel.analysis;

import dev.flywheel.stats.Interval;
import dev.flywheel.stats.internal.Bootstrap;
import dev.flywheel.stats.internal.Checks;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Top-k metrics of ranked recommendations against each user's held-out relevant items, for a replay
 * evaluation. With the ranked list best first (it may hold fewer than k items), rel_i = 1 when the item
 * at rank i is relevant, hits = Σ_{i≤k} rel_i and R the relevant set:
 * <ul>
 *   <li>precision@k = hits / k (k even when fewer were ranked: an empty slot is a miss);</li>
 *   <li>recall@k = hits / |R|;</li>
 *   <li>nDCG@k = DCG / IDCG with binary gains, DCG = Σ_{i≤k} rel_i / log2(i + 1) and IDCG the DCG of
 *       min(k, |R|) hits at the top (Järvelin &amp; Kekäläinen, ACM TOIS 2002);</li>
 *   <li>AP@k = Σ_{i≤k, rel_i = 1} precision@i / min(k, |R|), so that a perfect list scores 1 even when
 *       |R| &gt; k;</li>
 *   <li>hit@k = 1 if hits &gt; 0.</li>
 * </ul>
 * A summary averages them over users (the hit rate and MAP are the means of hit@k and AP@k) and adds
 * catalogue coverage: the distinct items in anyone's top k over the catalogue size.
 *
 * <p>Uncertainty is a seeded percentile bootstrap over users (Efron &amp; Tibshirani 1993, ch. 13): of a
 * mean, and of the mean per-user difference between two policies evaluated on the same users, where
 * both are resampled with the same users. The paired interval is much narrower than two separate ones
 * when the users' values under the two policies are correlated, which they are.
 */
public final class RankingMetrics {
    private RankingMetrics() {
    }

    public enum Metric { PRECISION, RECALL, NDCG, AVERAGE_PRECISION, HIT }

    /** One user's metrics at k; all in [0, 1]. */
    public record UserMetrics(int hits, double precision, double recall, double ndcg, double averagePrecision) {
        public UserMetrics {
            if (hits < 0) throw new IllegalArgumentException("hits must be >= 0, got " + hits);
            Checks.probability("precision", precision);
            Checks.probability("recall", recall);
            Checks.probability("ndcg", ndcg);
            Checks.probability("averagePrecision", averagePrecision);
        }

        public boolean hit() {
            return hits > 0;
        }

        public double value(Metric metric) {
            return switch (metric) {
                case PRECISION -> precision;
                case RECALL -> recall;
                case NDCG -> ndcg;
                case AVERAGE_PRECISION -> averagePrecision;
                case HIT -> hit() ? 1 : 0;
            };
        }
    }

    /** Means over users at k, the catalogue coverage, and the per-user values they came from (in order). */
    public record Summary(int k, int users, double precision, double recall, double ndcg, double meanAveragePrecision,
                          double hitRate, double coverage, List<UserMetrics> perUser) {
        public Summary {
            perUser = List.copyOf(perUser);
            if (users != perUser.size()) {
                throw new IllegalArgumentException("users is " + users + " but perUser has " + perUser.size());
            }
        }

        public double mean(Metric metric) {
            return switch (metric) {
                case PRECISION -> precision;
                case RECALL -> recall;
                case NDCG -> ndcg;
                case AVERAGE_PRECISION -> meanAveragePrecision;
                case HIT -> hitRate;
            };
        }
    }

    /**
     * One user's metrics at k.
     *
     * @param ranked   recommendations best first, without repeats in the top k; may be shorter than k
     * @param relevant the user's relevant items; must not be empty (recall and nDCG are undefined)
     */
    public static <T> UserMetrics evaluate(List<T> ranked, Set<T> relevant, int k) {
        checkK(k);
        if (ranked == null) throw new IllegalArgumentException("ranked is required");
        if (relevant == null || relevant.isEmpty()) throw new IllegalArgumentException("relevant must not be empty");
        List<T> top = top(ranked, k);
        int hits = 0;
        double dcg = 0;
        double precisionSum = 0;
        for (int i = 1; i <= top.size(); i++) {
            if (relevant.contains(top.get(i - 1))) {
                hits++;
                dcg += 1 / log2(i + 1);
                precisionSum += (double) hits / i;
            }
        }
        int ideal = Math.min(k, relevant.size());
        double idcg = 0;
        for (int i = 1; i <= ideal; i++) idcg += 1 / log2(i + 1);
        return new UserMetrics(hits, (double) hits / k, (double) hits / relevant.size(), dcg / idcg,
                precisionSum / ideal);
    }

    /**
     * Metrics of every user (rankings.get(u) against relevant.get(u)), their means, and the coverage of
     * a catalogue of {@code catalogueSize} items.
     */
    public static <T> Summary summarize(List<? extends List<T>> rankings, List<? extends Set<T>> relevant, int k,
                                        int catalogueSize) {
        if (rankings == null || relevant == null) throw new IllegalArgumentException("rankings and relevant are required");
        Checks.sameLength("rankings", rankings.size(), "relevant", relevant.size());
        Checks.minLength("rankings", rankings.size(), 1);
        List<UserMetrics> perUser = new ArrayList<>(rankings.size());
        double[] sums = new double[Metric.values().length];
        for (int u = 0; u < rankings.size(); u++) {
            UserMetrics m;
            try {
                m = evaluate(rankings.get(u), relevant.get(u), k);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("user " + u + ": " + e.getMessage(), e);
            }
            perUser.add(m);
            for (Metric metric : Metric.values()) sums[metric.ordinal()] += m.value(metric);
        }
        double n = rankings.size();
        return new Summary(k, rankings.size(), sums[Metric.PRECISION.ordinal()] / n, sums[Metric.RECALL.ordinal()] / n,
                sums[Metric.NDCG.ordinal()] / n, sums[Metric.AVERAGE_PRECISION.ordinal()] / n,
                sums[Metric.HIT.ordinal()] / n, coverage(rankings, k, catalogueSize), perUser);
    }

    /** Distinct items in the top k of any ranking, over the catalogue size. */
    public static <T> double coverage(Collection<? extends List<T>> rankings, int k, int catalogueSize) {
        checkK(k);
        if (catalogueSize < 1) throw new IllegalArgumentException("catalogueSize must be >= 1, got " + catalogueSize);
        Set<T> shown = new HashSet<>();
        for (List<T> ranked : rankings) shown.addAll(ranked.subList(0, Math.min(k, ranked.size())));
        if (shown.size() > catalogueSize) {
            throw new IllegalArgumentException("catalogueSize " + catalogueSize + " is less than the " + shown.size()
                    + " distinct items recommended");
        }
        return (double) shown.size() / catalogueSize;
    }

    /** Percentile bootstrap interval of the mean of {@code metric} over users. */
    public static Interval meanInterval(List<UserMetrics> users, Metric metric, double confidence, int resamples,
                                        long seed) {
        if (users == null) throw new IllegalArgumentException("users is required");
        if (metric == null) throw new IllegalArgumentException("metric is required");
        double[] v = new double[users.size()];
        for (int u = 0; u < v.length; u++) v[u] = users.get(u).value(metric);
        return bootstrapMean(v, confidence, resamples, seed);
    }

    /**
     * Paired percentile bootstrap interval of mean(policy − baseline) of {@code metric}, where
     * policy.get(u) and baseline.get(u) are the same user under the two policies. Resampling the
     * per-user differences is resampling the same users for both policies.
     */
    public static Interval pairedDifferenceInterval(List<UserMetrics> policy, List<UserMetrics> baseline, Metric metric,
                                                    double confidence, int resamples, long seed) {
        if (policy == null || baseline == null) throw new IllegalArgumentException("policy and baseline are required");
        if (metric == null) throw new IllegalArgumentException("metric is required");
        Checks.sameLength("policy", policy.size(), "baseline", baseline.size());
        double[] d = new double[policy.size()];
        for (int u = 0; u < d.length; u++) d[u] = policy.get(u).value(metric) - baseline.get(u).value(metric);
        return bootstrapMean(d, confidence, resamples, seed);
    }

    private static Interval bootstrapMean(double[] v, double confidence, int resamples, long seed) {
        Checks.confidence(confidence);
        Checks.minLength("users", v.length, 1);
        if (resamples < 1) throw new IllegalArgumentException("resamples must be >= 1, got " + resamples);
        SplittableRandom random = new SplittableRandom(seed);
        double[] replicates = new double[resamples];
        for (int b = 0; b < resamples; b++) {
            double s = 0;
            for (int i : Bootstrap.resample(v.length, random)) s += v[i];
            replicates[b] = s / v.length;
        }
        double[] ci = Bootstrap.percentile(replicates, confidence);
        return new Interval(ci[0], ci[1]);
    }

    private static <T> List<T> top(List<T> ranked, int k) {
        List<T> top = ranked.subList(0, Math.min(k, ranked.size()));
        Set<T> seen = new HashSet<>();
        for (T item : top) {
            if (item == null) throw new IllegalArgumentException("ranked must not contain null");
            if (!seen.add(item)) throw new IllegalArgumentException("ranked lists " + item + " twice in its top " + k);
        }
        return top;
    }

    private static void checkK(int k) {
        if (k < 1) throw new IllegalArgumentException("k must be >= 1, got " + k);
    }

    private static double log2(double x) {
        return Math.log(x) / Math.log(2);
    }
}
