package dev.flywheel.model;

import dev.flywheel.model.internal.RankingFeatures;
import dev.flywheel.model.internal.RankingFeatures.Feature;
import java.util.List;

/**
 * The fitting core of the learned ranker, shared by the online learner and by retraining from a
 * training snapshot, so both give the same model from the same rows in the same order: one FTRL
 * logistic model per rewarded reaction type, started from {@link #prior}, and for each type that is
 * paid by value (a purchase's revenue) the mean value seen, which, times the item's own value
 * relative to the mean, weighs that type's probability in the score.
 */
final class RankerFit {
    /** Without a rate feature of its own, a reaction type starts rare: P = σ(−3) ≈ 0.05. */
    private static final double RARE_LOGIT = -3;
    private final List<String> types;
    private final FtrlProximal[] models;
    private final double[] rewardWeights;
    private final double[] valueWeights;
    /** Per type: the sum and the count of the values seen. */
    private final double[][] values;
    private final double ignore;

    RankerFit(ContentBanditSpec spec) {
        types = spec.reward().rewarded();
        models = new FtrlProximal[types.size()];
        rewardWeights = new double[types.size()];
        valueWeights = new double[types.size()];
        values = new double[types.size()][2];
        for (int m = 0; m < models.length; m++) {
            models[m] = new FtrlProximal(spec.ftrl(), RankingFeatures.NAMES);
            models[m].warmStart(prior(types.get(m)));
            rewardWeights[m] = spec.reward().weights().getOrDefault(types.get(m), 0.0);
            valueWeights[m] = spec.reward().valueWeights().getOrDefault(types.get(m), 0.0);
        }
        ignore = spec.reward().ignore();
    }

    /** Trains every type's model on one row: a positive for the types among {@code reactions}. */
    void update(double[] row, List<String> reactions) {
        for (int m = 0; m < models.length; m++) models[m].update(row, reactions.contains(types.get(m)));
    }

    /** Counts one value of a value-paid type; returns whether it counted. */
    boolean value(String type, Double value) {
        int m = types.indexOf(type);
        if (m < 0 || valueWeights[m] == 0 || value == null || !Double.isFinite(value)) return false;
        values[m][0] += value;
        values[m][1]++;
        return true;
    }

    void writeState(dev.flywheel.state.StateWriter out) {
        out.putStrings(types);
        for (int m = 0; m < models.length; m++) {
            models[m].writeState(out);
            out.putDouble(values[m][0]).putDouble(values[m][1]);
        }
    }

    void readState(dev.flywheel.state.StateReader in) {
        List<String> written = in.getStrings();
        if (!written.equals(types)) throw new IllegalStateException("ranker state for reaction types " + written + ", the loop rewards " + types);
        for (int m = 0; m < models.length; m++) {
            models[m].readState(in);
            values[m][0] = in.getDouble();
            values[m][1] = in.getDouble();
        }
    }

    List<String> types() {
        return types;
    }

    double weight(String type) {
        int m = types.indexOf(type);
        return m < 0 ? 0 : rewardWeights[m];
    }

    double valueWeight(String type) {
        int m = types.indexOf(type);
        return m < 0 ? 0 : valueWeights[m];
    }

    double ignore() {
        return ignore;
    }

    /** The immutable state fitted so far. */
    RankerModel model() {
        double[][] w = new double[models.length][];
        for (int m = 0; m < models.length; m++) w[m] = models[m].weights();
        double[] value = new double[models.length];
        for (int m = 0; m < value.length; m++) {
            if (values[m][1] > 0) value[m] = valueWeights[m] * values[m][0] / values[m][1];
        }
        return new RankerModel(types, rewardWeights, value, ignore, w);
    }

    /**
     * The weights a model starts from, so that candidates are ordered sensibly before any outcome:
     * P(type) starts at the item's smoothed rate of that type, nudged by the user's content affinity.
     */
    static double[] prior(String type) {
        double[] w = new double[RankingFeatures.SIZE];
        switch (type) {
            case "like" -> {
                w[Feature.LIKE_LOGIT.ordinal()] = 1;
                w[Feature.AFFINITY.ordinal()] = 1;
                w[Feature.TOPIC_AFFINITY.ordinal()] = 1;
                w[Feature.ITEM_TO_ITEM.ordinal()] = 3;
                w[Feature.FACTORS.ordinal()] = 1;
            }
            case "click" -> {
                w[Feature.CLICK_LOGIT.ordinal()] = 1;
                w[Feature.AFFINITY.ordinal()] = 0.5;
                w[Feature.ITEM_TO_ITEM.ordinal()] = 3;
                w[Feature.FACTORS.ordinal()] = 1;
            }
            case "dislike" -> {
                w[Feature.DISLIKE_LOGIT.ordinal()] = 1;
                w[Feature.AFFINITY.ordinal()] = -1;
            }
            default -> w[Feature.BIAS.ordinal()] = RARE_LOGIT;
        }
        return w;
    }

}
