package dev.flywheel.analysis;

import dev.flywheel.stats.LoggedDecision;
import dev.flywheel.stats.Proportion;
import dev.flywheel.stats.TargetPolicy;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
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
    private final List<LoggedDecision> log = new ArrayList<>();
    private final Map<Long, Double> mass = new HashMap<>();
    private final Map<Integer, Double> positionMass = new HashMap<>();
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
            log.add(new LoggedDecision(position, action[i], slate.propensities()[i], reward,
                    policy.rowProbability(slate, placement, i)));
            for (int j = 0; j < k; j++) {
                if (placement[j][i] > 0) {
                    mass.merge(key(position, action[j]), placement[j][i], Double::sum);
                    positionMass.merge(position, placement[j][i], Double::sum);
                }
            }
        }
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
        Map<Long, Double> m = Map.copyOf(mass);
        Map<Integer, Double> totals = Map.copyOf(positionMass);
        return (position, item) -> {
            Double total = totals.get(position);
            return total == null ? 0 : m.getOrDefault(key(position, item), 0.0) / total;
        };
    }

    private static long key(int position, int item) {
        return ((long) position << 32) | (item & 0xffffffffL);
    }
}
