package dev.flywheel.analysis;

import dev.flywheel.stats.LoggedDecisions;
import dev.flywheel.stats.ActionDistribution;
import java.util.HashMap;
import java.util.Map;

/**
 * Turns logged slates into the generic off-policy log: one {@link LoggedDecision} per served row, the
 * context is the position and the action is the item (numbered in order of first appearance). While
 * slates arrive it sums the target policy's placement matrix into a per-position marginal, which is
 * the {@link ActionDistribution} the direct method and DR average the reward model over.
 */
public final class SlateLog {
    private final TargetPolicy policy;
    private final Map<String, Integer> actions = new HashMap<>();
    private final LoggedDecisions log = new LoggedDecisions();
    // mass[position][action]: placement mass, grown as actions appear (primitive: one add per entry;
    // indexed by position, which is small and >= 0, instead of a map lookup per row)
    private double[][] mass = new double[8][];
    private long rewarded;
    private double rewardSum;
    private double rewardSquares;
    private boolean binary = true;

    public SlateLog(TargetPolicy policy) {
        if (policy == null) {
            throw new IllegalArgumentException("target policy is required");
        }
        this.policy = policy;
    }

    public void add(LoggedSlate slate) {
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
            rewardSum += reward;
            rewardSquares += reward * reward;
            binary &= reward == 0 || reward == 1;
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
        OnPolicyValue onPolicy = policy.isLogging() ? onPolicyValue(options.confidence()) : null;
        return OffPolicyEvaluation.evaluate(log, marginal(), actions.size(), options, onPolicy);
    }

    /** The mean logged reward per row with its interval (Wilson for 0/1 rewards). */
    public OnPolicyValue onPolicyValue(double confidence) {
        return OnPolicyValue.of(log.size(), rewardSum, rewardSquares, rewarded, binary, confidence);
    }

    /** pi(item | position), normalised per position so candidates never logged do not leak mass. */
    private ActionDistribution marginal() {
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
