package dev.flywheel.stats;

import dev.flywheel.stats.internal.Poisson;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Bootstrap replicates of the direct method with a {@link SmoothedRewardModel}, computed on sufficient
 * statistics. That model and the direct value depend on the log only through per-(context, action)
 * counts and reward sums, so the Poisson bootstrap (every row weighted by an independent Poisson(1)
 * count) is exactly one Poisson(n) draw per group of identical (context, action, reward) rows. A
 * replicate then costs O(groups + contexts x actions) instead of O(rows): refitting on a million-row
 * resample 200 times took seconds.
 */
final class SmoothedDirectBootstrap {
    private final double prior;
    private final int[] groupCell;
    private final double[] groupReward;
    private final long[] groupCount;
    private final int[] cellContext;
    private final List<double[]> contextPolicy = new ArrayList<>(); // per context: {action-cell, pi} pairs

    SmoothedDirectBootstrap(List<LoggedDecision> log, TargetPolicy target, double priorStrength, int actions) {
        this.prior = priorStrength;
        Map<List<Double>, long[]> groups = new HashMap<>();
        Map<Long, Integer> cells = new HashMap<>();
        Map<Integer, Integer> contexts = new HashMap<>();
        List<Integer> cellContexts = new ArrayList<>();
        for (LoggedDecision d : log) {
            int x = contexts.computeIfAbsent(d.context(), k -> contexts.size());
            int cell = cells.computeIfAbsent(((long) d.context() << 32) | (d.action() & 0xffffffffL), k -> {
                cellContexts.add(x);
                return cells.size();
            });
            groups.computeIfAbsent(List.of((double) cell, d.reward()), k -> new long[1])[0]++;
        }
        groupCell = new int[groups.size()];
        groupReward = new double[groups.size()];
        groupCount = new long[groups.size()];
        int g = 0;
        for (Map.Entry<List<Double>, long[]> e : groups.entrySet()) {
            groupCell[g] = e.getKey().get(0).intValue();
            groupReward[g] = e.getKey().get(1);
            groupCount[g++] = e.getValue()[0];
        }
        cellContext = cellContexts.stream().mapToInt(Integer::intValue).toArray();
        policies(target, actions, cells, contexts);
    }

    /** For each context, the actions the target may take with their probability and cell (-1: none). */
    private void policies(TargetPolicy target, int actions, Map<Long, Integer> cells, Map<Integer, Integer> contexts) {
        for (int i = 0; i < contexts.size(); i++) {
            contextPolicy.add(null);
        }
        for (Map.Entry<Integer, Integer> c : contexts.entrySet()) {
            List<Double> pairs = new ArrayList<>();
            for (int a = 0; a < actions; a++) {
                double p = target.probability(c.getKey(), a);
                if (p > 0) {
                    pairs.add((double) cells.getOrDefault(((long) c.getKey() << 32) | (a & 0xffffffffL), -1));
                    pairs.add(p);
                }
            }
            contextPolicy.set(c.getValue(), pairs.stream().mapToDouble(Double::doubleValue).toArray());
        }
    }

    double[] replicates(int resamples, SplittableRandom random) {
        double[] reps = new double[resamples];
        for (int b = 0; b < resamples; b++) {
            reps[b] = replicate(random);
        }
        return reps;
    }

    private double replicate(SplittableRandom random) {
        double[] cellN = new double[cellContext.length];
        double[] cellS = new double[cellContext.length];
        for (int g = 0; g < groupCell.length; g++) {
            long c = Poisson.sample(groupCount[g], random);
            cellN[groupCell[g]] += c;
            cellS[groupCell[g]] += c * groupReward[g];
        }
        double[] ctxN = new double[contextPolicy.size()];
        double[] ctxS = new double[contextPolicy.size()];
        for (int cell = 0; cell < cellN.length; cell++) {
            ctxN[cellContext[cell]] += cellN[cell];
            ctxS[cellContext[cell]] += cellS[cell];
        }
        double total = 0;
        double value = 0;
        for (int x = 0; x < ctxN.length; x++) {
            if (ctxN[x] > 0) {
                total += ctxN[x];
                value += ctxN[x] * contextValue(contextPolicy.get(x), ctxS[x] / ctxN[x], cellN, cellS);
            }
        }
        return total == 0 ? Double.NaN : value / total;
    }

    /** sum_a pi(a | x) q(x, a) with q shrunk toward the context mean, as {@link SmoothedRewardModel}. */
    private double contextValue(double[] pairs, double contextMean, double[] cellN, double[] cellS) {
        double v = 0;
        for (int i = 0; i < pairs.length; i += 2) {
            int cell = (int) pairs[i];
            boolean seen = cell >= 0 && cellN[cell] > 0;
            v += pairs[i + 1] * (seen ? (cellS[cell] + prior * contextMean) / (cellN[cell] + prior) : contextMean);
        }
        return v;
    }
}
