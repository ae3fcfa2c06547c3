package dev.flywheel.stats;

import dev.flywheel.stats.internal.Bootstrap;
import dev.flywheel.stats.internal.Checks;
import dev.flywheel.stats.internal.Quantiles;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Off-policy estimators of a target policy's mean reward from a log of another (logging) policy.
 *
 * <p>IPS, clipped IPS, doubly robust and switch-DR are means of per-decision terms, so their intervals
 * are CLT intervals of those terms (the reward model of DR is treated as fixed). SNIPS is a ratio of
 * means and uses the delta method. The direct method's uncertainty is almost all model error, so its
 * interval is a seeded bootstrap that refits the reward model on each resample (for the smoothed
 * model, a Poisson bootstrap on cell statistics, see {@link SmoothedDirectBootstrap}).
 */
public final class OffPolicyEstimators {
    private OffPolicyEstimators() {
    }

    /** Inverse propensity scoring: mean of w_i r_i. */
    public static OffPolicyEstimate ips(List<LoggedDecision> log, double confidence) {
        return clippedIps("ips", log, Double.POSITIVE_INFINITY, confidence);
    }

    /** IPS with weights capped at {@code maxWeight}: biased toward the logging policy, lower variance. */
    public static OffPolicyEstimate clippedIps(List<LoggedDecision> log, double maxWeight, double confidence) {
        return clippedIps("clipped_ips", log, maxWeight, confidence);
    }

    /** Self-normalised IPS: sum w_i r_i / sum w_i, with delta-method SE of the ratio. */
    public static OffPolicyEstimate snips(List<LoggedDecision> log, double confidence) {
        requireNonEmpty(log);
        LoggedDecisions d = LoggedDecisions.of(log);
        int n = d.size();
        double sw = 0;
        double swr = 0;
        for (int i = 0; i < n; i++) {
            sw += d.weight(i);
            swr += d.weight(i) * d.reward(i);
        }
        if (sw == 0) {
            throw new IllegalArgumentException("target policy gives zero probability to every logged action");
        }
        double v = swr / sw;
        double meanW = sw / n;
        double ss = 0;
        for (int i = 0; i < n; i++) {
            double e = d.weight(i) * (d.reward(i) - v);
            ss += e * e;
        }
        double se = Math.sqrt(ss / ((double) n * (n - 1))) / meanW;
        return estimate("snips", v, se, confidence);
    }

    /** Doubly robust: mean of DM_i + w_i (r_i - q(x_i, a_i)). */
    public static OffPolicyEstimate doublyRobust(List<LoggedDecision> log, ActionDistribution target, RewardModel model,
                                                 int actions, double confidence) {
        return switchDr("dr", log, target, model, actions, Double.POSITIVE_INFINITY, confidence);
    }

    /**
     * Switch-DR (Wang, Agarwal, Dudík 2017): the DR correction is used where the weight is at most
     * {@code tau}; above it the decision contributes its model value only.
     */
    public static OffPolicyEstimate switchDr(List<LoggedDecision> log, ActionDistribution target, RewardModel model,
                                             int actions, double tau, double confidence) {
        return switchDr("switch_dr", log, target, model, actions, tau, confidence);
    }

    /** Direct method: mean over decisions of sum_a pi(a | x_i) q(x_i, a); point estimate only. */
    public static double directValue(List<LoggedDecision> log, ActionDistribution target, RewardModel model, int actions) {
        requireNonEmpty(log);
        LoggedDecisions d = LoggedDecisions.of(log);
        LoggedDecisions.Cells cells = d.cells();
        double[] perContext = contextValues(cells, target, model, actions);
        double s = 0;
        for (int i = 0; i < d.size(); i++) {
            s += perContext[cells.rowContext[i]];
        }
        return s / d.size();
    }

    /** Direct method with a percentile bootstrap that refits the reward model on each of B resamples. */
    public static OffPolicyEstimate directMethod(List<LoggedDecision> log, ActionDistribution target,
                                                 RewardModelFitter fitter, int actions, double confidence,
                                                 int resamples, long seed) {
        Checks.confidence(confidence);
        if (resamples < 10) {
            throw new IllegalArgumentException("resamples must be >= 10, got " + resamples);
        }
        double value = directValue(log, target, fitter.fit(log), actions);
        SplittableRandom random = new SplittableRandom(seed);
        double[] reps = fitter instanceof SmoothedRewardModel s
                ? new SmoothedDirectBootstrap(log, target, s.priorStrength(), actions).replicates(resamples, random)
                : rowBootstrap(log, target, fitter, actions, resamples, random);
        double[] ci = Bootstrap.percentile(reps, confidence);
        // a Poisson resample of a tiny log can be empty (NaN replicate); the interval drops those too
        double[] finite = java.util.Arrays.stream(reps).filter(Double::isFinite).toArray();
        double se = finite.length < 2 ? 0 : Math.sqrt(dev.flywheel.stats.internal.Moments.variance(finite));
        return new OffPolicyEstimate("dm", value, se, new Interval(Math.min(ci[0], value), Math.max(ci[1], value)));
    }

    private static double[] rowBootstrap(List<LoggedDecision> log, ActionDistribution target, RewardModelFitter fitter,
                                         int actions, int resamples, SplittableRandom random) {
        double[] reps = new double[resamples];
        for (int b = 0; b < resamples; b++) {
            List<LoggedDecision> sample = new ArrayList<>(log.size());
            for (int i : Bootstrap.resample(log.size(), random)) {
                sample.add(log.get(i));
            }
            reps[b] = directValue(sample, target, fitter.fit(sample), actions);
        }
        return reps;
    }

    private static OffPolicyEstimate clippedIps(String name, List<LoggedDecision> log, double maxWeight,
                                                double confidence) {
        requireNonEmpty(log);
        if (!(maxWeight > 0)) {
            throw new IllegalArgumentException("maxWeight must be > 0, got " + maxWeight);
        }
        LoggedDecisions d = LoggedDecisions.of(log);
        double[] terms = new double[d.size()];
        for (int i = 0; i < terms.length; i++) {
            terms[i] = Math.min(d.weight(i), maxWeight) * d.reward(i);
        }
        return meanOf(name, terms, confidence);
    }

    private static OffPolicyEstimate switchDr(String name, List<LoggedDecision> log, ActionDistribution target,
                                              RewardModel model, int actions, double tau, double confidence) {
        requireNonEmpty(log);
        if (actions < 1) {
            throw new IllegalArgumentException("actions must be >= 1, got " + actions);
        }
        LoggedDecisions d = LoggedDecisions.of(log);
        LoggedDecisions.Cells cells = d.cells();
        double[] dm = contextValues(cells, target, model, actions);
        double[] q = new double[cells.cells()];
        for (int c = 0; c < q.length; c++) {
            q[c] = model.predict(cells.contextKey[cells.cellContext[c]], cells.cellAction[c]);
        }
        double[] terms = new double[d.size()];
        for (int i = 0; i < terms.length; i++) {
            double v = dm[cells.rowContext[i]];
            double w = d.weight(i);
            terms[i] = w <= tau ? v + w * (d.reward(i) - q[cells.rowCell[i]]) : v;
        }
        return meanOf(name, terms, confidence);
    }

    /** The model value of every context of the log, by dense context number. */
    private static double[] contextValues(LoggedDecisions.Cells cells, ActionDistribution target, RewardModel model,
                                          int actions) {
        double[] v = new double[cells.contexts()];
        for (int x = 0; x < v.length; x++) {
            v[x] = modelValue(cells.contextKey[x], target, model, actions);
        }
        return v;
    }

    /** Both policy and model depend on the context only, so the sum over actions is cached per context. */
    private static double modelValue(int context, ActionDistribution target, RewardModel model, int actions) {
        double v = 0;
        for (int a = 0; a < actions; a++) {
            double p = target.probability(context, a);
            if (p > 0) {
                v += p * model.predict(context, a);
            }
        }
        return v;
    }

    private static OffPolicyEstimate meanOf(String name, double[] terms, double confidence) {
        double mean = 0;
        for (double t : terms) {
            mean += t;
        }
        mean /= terms.length;
        double ss = 0;
        for (double t : terms) {
            ss += (t - mean) * (t - mean);
        }
        double se = terms.length > 1 ? Math.sqrt(ss / (terms.length - 1) / terms.length) : 0;
        return estimate(name, mean, se, confidence);
    }

    private static OffPolicyEstimate estimate(String name, double value, double se, double confidence) {
        return new OffPolicyEstimate(name, value, se, Interval.around(value, Quantiles.z(confidence) * se));
    }

    private static void requireNonEmpty(List<LoggedDecision> log) {
        if (log == null || log.isEmpty()) {
            throw new IllegalArgumentException("log must contain at least one decision");
        }
    }
}
