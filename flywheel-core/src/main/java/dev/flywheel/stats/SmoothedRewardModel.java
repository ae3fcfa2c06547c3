package dev.flywheel.stats;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reward model of per-(context, action) mean rewards shrunk toward the context's mean with a prior of
 * {@code priorStrength} pseudo-observations: with rare clicks most cells hold a handful of rewards and
 * the raw means would be mostly zero.
 */
public record SmoothedRewardModel(double priorStrength) implements RewardModelFitter {
    public SmoothedRewardModel {
        if (!(priorStrength >= 0) || Double.isInfinite(priorStrength)) {
            throw new IllegalArgumentException("priorStrength must be finite and >= 0, got " + priorStrength);
        }
    }

    @Override
    public RewardModel fit(List<LoggedDecision> log) {
        if (log.isEmpty()) {
            throw new IllegalArgumentException("log must not be empty");
        }
        Map<Long, double[]> cells = new HashMap<>();
        Map<Integer, double[]> contexts = new HashMap<>();
        double total = 0;
        for (LoggedDecision d : log) {
            add(cells.computeIfAbsent(key(d.context(), d.action()), k -> new double[2]), d.reward());
            add(contexts.computeIfAbsent(d.context(), k -> new double[2]), d.reward());
            total += d.reward();
        }
        double globalMean = total / log.size();
        return (context, action) -> {
            double[] ctx = contexts.get(context);
            double prior = ctx == null ? globalMean : ctx[0] / ctx[1];
            double[] cell = cells.get(key(context, action));
            if (cell == null) {
                return prior;
            }
            return (cell[0] + priorStrength * prior) / (cell[1] + priorStrength);
        };
    }

    private static void add(double[] sumCount, double reward) {
        sumCount[0] += reward;
        sumCount[1] += 1;
    }

    private static long key(int context, int action) {
        return ((long) context << 32) | (action & 0xffffffffL);
    }
}
