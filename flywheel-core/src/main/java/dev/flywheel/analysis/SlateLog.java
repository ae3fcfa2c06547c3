package dev.flywheel.analysis;

import dev.flywheel.stats.LoggedDecisions;
import dev.flywheel.stats.Proportion;
import dev.flywheel.stats.TargetPolicy;
import java.util.HashMap;
import java.util.Map;

/**
 * Turns logged slates into the generic off-policy log: one {@link LoggedDecision} per served row, the
 * context is the position and the action is the item (numbered in order of first appearance). While
 * slates arrive it sums the target policy's placement matrix into a per-position marginal, which is
 * the {@link TargetPolicy} the direct method and DR average the reward model over.
 */
public final class SlateLog {
    private final SlatePolicy policy;
    private final Map<String, Integer> actions = new HashMap<>();
    private final LoggedDecisions log = new LoggedDecisions();
    // mass[position][action]: placement mass, grown as actions appear (primitive: one add per entry;
    // indexed by position, which is small and >= 0, instead of a map lookup per row)
    private double[][] mass = new double[8][];
    private long rewarded;

    public SlateLog(SlatePolicy policy) {
        if (policy == null) {
            throw new IllegalArgumentException("target policy is required");
        }
        this.policy = policy;
    }

    public void add(Slate slate) {
        double[][] placement = policy.placement(slate);
        int k = slate.size();
        int[] action = new int[k];
        for (int i = 0; i < k; i++) {
            action[i] = actions.computeIfAbsent(slate.items().get(i), x -> actions.size());
        }
        for (int i = 0; i < k; i++) {
            int position = slate.positions()[i];
            double reward = slate.rewards()[i];
            rewarded += reward > 0 ? 1 : 0;
            log.add(position, action[i], slate.propensities()[i], reward, policy.rowProbability(slate, placement, i));
            double[] m = massAt(position);
            for (int j = 0; j < k; j++) {
                m[action[j]] += placement[j][i];
            }
        }
    }

    private double[] massAt(int position) {
        if (position < 0) {
            throw new IllegalArgumentException("position must be >= 0, got " + position);
        }
        if (position >= mass.length) {
            mass = java.util.Arrays.copyOf(mass, Math.max(position + 1, mass.length * 2));
        }
        double[] m = mass[position];
        if (m == null || m.length < actions.size()) {
            m = java.util.Arrays.copyOf(m == null ? new double[0] : m, Math.max(16, actions.size() * 2));
            mass[position] = m;
        }
        return m;
    }

    public int size() {
        return log.size();
    }

    /** Every estimator on the collected log; the on-policy rate is shown when the target is the logger. */
    public OffPolicyEvaluation evaluate(OpeOptions options) {
        if (log.isEmpty()) {
            throw new IllegalArgumentException("no logged decisions to evaluate (is the loop name right?)");
        }
        Proportion onPolicy = policy.isLogging() ? onPolicyRate(options.confidence()) : null;
        return OffPolicyEvaluation.evaluate(log, marginal(), actions.size(), options, onPolicy);
    }

    /** Share of logged rows with a positive reward, with its Wilson interval. */
    public Proportion onPolicyRate(double confidence) {
        return Proportion.wilson(rewarded, log.size(), confidence);
    }

    /** pi(item | position), normalised per position so candidates never logged do not leak mass. */
    private TargetPolicy marginal() {
        double[][] normalised = new double[mass.length][];
        for (int position = 0; position < mass.length; position++) {
            double[] m = mass[position];
            if (m != null) {
                // a compensated sum over the whole grown array, zeros included: the numbers stay as they were
                double total = java.util.Arrays.stream(m).sum();
                normalised[position] = java.util.Arrays.stream(m).map(x -> total > 0 ? x / total : 0).toArray();
            }
        }
        return (position, item) -> {
            double[] m = position < 0 || position >= normalised.length ? null : normalised[position];
            return m == null || item >= m.length ? 0 : m[item];
        };
    }
}
