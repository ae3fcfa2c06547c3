package dev.flywheel.stats;

import java.util.List;

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
        LoggedDecisions d = LoggedDecisions.of(log);
        LoggedDecisions.Cells cells = d.cells();
        double[] cellSum = new double[cells.cells()];
        double[] cellN = new double[cells.cells()];
        double[] contextSum = new double[cells.contexts()];
        double[] contextN = new double[cells.contexts()];
        double total = 0;
        for (int i = 0; i < d.size(); i++) {
            double r = d.reward(i);
            cellSum[cells.rowCell[i]] += r;
            cellN[cells.rowCell[i]] += 1;
            contextSum[cells.rowContext[i]] += r;
            contextN[cells.rowContext[i]] += 1;
            total += r;
        }
        double globalMean = total / d.size();
        return (context, action) -> {
            int x = cells.contextIndex.find(context, 0);
            double prior = x < 0 ? globalMean : contextSum[x] / contextN[x];
            int cell = cells.cellIndex.find(context, action);
            if (cell < 0) {
                return prior;
            }
            return (cellSum[cell] + priorStrength * prior) / (cellN[cell] + priorStrength);
        };
    }
}
