package dev.flywheel.model;

import dev.flywheel.model.internal.RankingFeatures;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Retraining the learned ranker from a training snapshot: one pass over the rows in log order
 * through the same {@link RankerFit} the online learner uses, so a version is a function of its
 * snapshot. Each row is scored before it is learned from (progressive validation), which gives
 * the offline metrics without holding rows out: the mean log loss of each reaction type and the
 * mean squared error of the score against the reward.
 */
final class RankerTraining {
    private RankerTraining() { }

    static ModelSpec.Training train(ContentBanditSpec spec, List<TrainingRow> rows) {
        RankerFit fit = new RankerFit(spec);
        List<String> types = fit.types();
        double[] logLoss = new double[types.size()];
        double squared = 0;
        for (TrainingRow r : rows) {
            double[] f = checked(r);
            RankerModel before = fit.model();
            for (int m = 0; m < types.size(); m++) {
                double p = Math.min(1 - 1e-12, Math.max(1e-12, before.probability(m, f)));
                logLoss[m] -= r.reactions().contains(types.get(m)) ? Math.log(p) : Math.log(1 - p);
            }
            double err = before.score(f) - r.reward();
            squared += err * err;
            learn(fit, r);
        }
        Map<String, Double> metrics = new TreeMap<>();
        metrics.put("rows", (double) rows.size());
        if (!rows.isEmpty()) {
            for (int m = 0; m < types.size(); m++) metrics.put("log_loss." + types.get(m), logLoss[m] / rows.size());
            metrics.put("mse.reward", squared / rows.size());
        }
        return new ModelSpec.Training(fit.model().toBytes(), metrics);
    }

    /**
     * The fit a snapshot's rows train, in their order: the state {@link #train} stores, with the
     * FTRL state (z and n) and the value means it came from, so an online version continues it.
     */
    static RankerFit fit(ContentBanditSpec spec, List<TrainingRow> rows) {
        RankerFit fit = new RankerFit(spec);
        for (TrainingRow r : rows) learn(fit, r);
        return fit;
    }

    /** One row's step, as {@link #train} takes it: the reaction models, then the value of a paid reaction. */
    static void learn(RankerFit fit, TrainingRow r) {
        fit.update(checked(r), r.reactions());
        value(fit, r);
    }

    private static double[] checked(TrainingRow r) {
        if (r.features().length != RankingFeatures.SIZE) {
            throw new IllegalArgumentException("snapshot rows hold " + r.features().length + " features, this code's ranker "
                    + RankingFeatures.SIZE + ": retrain from a snapshot cut by the same code");
        }
        return r.features();
    }

    /**
     * The value of the row's value-paid reaction, from its reward: reward minus the fixed weights of
     * its reactions, over the type's value weight. Rows with two value-paid reactions cannot be
     * split and count for neither.
     */
    private static void value(RankerFit fit, TrainingRow r) {
        List<String> paid = new ArrayList<>(1);
        double fixed = r.ignored() ? fit.ignore() : 0;
        for (String t : r.reactions()) {
            fixed += fit.weight(t);
            if (fit.valueWeight(t) != 0 && !paid.contains(t)) paid.add(t);
        }
        if (paid.size() != 1) return;
        String t = paid.get(0);
        fit.value(t, (r.reward() - fixed) / fit.valueWeight(t));
    }
}
