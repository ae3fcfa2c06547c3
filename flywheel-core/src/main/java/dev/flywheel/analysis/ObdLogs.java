package dev.flywheel.analysis;

import dev.flywheel.stats.LoggedDecision;
import dev.flywheel.stats.Proportion;
import dev.flywheel.stats.ActionDistribution;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Adapter from the Open Bandit Dataset log format (columns item_id, position, click,
 * propensity_score) to the generic off-policy log. The context is the position; the target policy is
 * the empirical distribution of items per position in the target log, so
 * pi_target(item | position) = count(position, item) / count(position).
 */
public final class ObdLogs {
    private ObdLogs() {
    }

    /** Evaluates, from {@code logged}, the policy that produced {@code target}. */
    public static OffPolicyEvaluation evaluate(Table logged, Table target, OpeOptions options) {
        if (logged.size() == 0 || target.size() == 0) {
            throw new IllegalArgumentException("both logs need at least one row; logged has " + logged.size()
                    + ", target has " + target.size());
        }
        ActionDistribution policy = empiricalPolicy(target);
        int actions = (int) Math.max(max(logged.doubles("item_id")), max(target.doubles("item_id"))) + 1;
        List<LoggedDecision> log = decisions(logged, policy);
        return OffPolicyEvaluation.evaluate(log, policy, actions, options,
                OnPolicyValue.of(onPolicy(target, options.confidence())));
    }

    /** The target log's own click rate with its Wilson interval. */
    public static Proportion onPolicy(Table target, double confidence) {
        double[] clicks = target.doubles("click");
        long k = 0;
        for (double c : clicks) {
            k += c > 0 ? 1 : 0;
        }
        return Proportion.wilson(k, clicks.length, confidence);
    }

    public static List<LoggedDecision> decisions(Table logged, ActionDistribution policy) {
        double[] items = logged.doubles("item_id");
        double[] positions = logged.doubles("position");
        double[] clicks = logged.doubles("click");
        double[] propensities = logged.doubles("propensity_score");
        List<LoggedDecision> log = new ArrayList<>(items.length);
        for (int i = 0; i < items.length; i++) {
            int pos = (int) positions[i];
            int item = (int) items[i];
            try {
                log.add(new LoggedDecision(pos, item, propensities[i], clicks[i], policy.probability(pos, item)));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("logged row " + (i + 1) + ": " + e.getMessage(), e);
            }
        }
        return log;
    }

    public static ActionDistribution empiricalPolicy(Table target) {
        double[] items = target.doubles("item_id");
        double[] positions = target.doubles("position");
        Map<Long, Integer> cell = new HashMap<>();
        Map<Integer, Integer> perPosition = new HashMap<>();
        for (int i = 0; i < items.length; i++) {
            cell.merge(key((int) positions[i], (int) items[i]), 1, Integer::sum);
            perPosition.merge((int) positions[i], 1, Integer::sum);
        }
        return (position, item) -> {
            Integer total = perPosition.get(position);
            return total == null ? 0 : cell.getOrDefault(key(position, item), 0) / (double) total;
        };
    }

    private static long key(int position, int item) {
        return ((long) position << 32) | (item & 0xffffffffL);
    }

    private static double max(double[] values) {
        double m = Double.NEGATIVE_INFINITY;
        for (double v : values) {
            m = Math.max(m, v);
        }
        return m;
    }
}
