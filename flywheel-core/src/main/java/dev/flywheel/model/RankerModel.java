package dev.flywheel.model;

import java.util.List;

/**
 * An immutable state of the learned ranker, published by its learner and read by any number of
 * decisions without locks: one logistic model per rewarded reaction type and that type's reward
 * weight. A candidate's score is its expected reward per impression,
 * Σ weight(type) · P(type) + ignore · Π (1 − P(type)), so it lies between the sum of the negative
 * weights and the sum of the positive ones (the ignore weight included on its side).
 */
public final class RankerModel {
    private static final double MAX_LOGIT = 35;
    private final List<String> types;
    private final double[] rewardWeights;
    private final double ignore;
    private final double[][] weights;

    RankerModel(List<String> types, double[] rewardWeights, double ignore, double[][] weights) {
        this.types = List.copyOf(types);
        this.rewardWeights = rewardWeights.clone();
        this.ignore = ignore;
        this.weights = new double[weights.length][];
        for (int m = 0; m < weights.length; m++) this.weights[m] = weights[m].clone();
    }

    /** The expected reward of an item whose ranking inputs are {@code f}. */
    public double score(double[] f) {
        double s = 0;
        double none = 1;
        for (int m = 0; m < weights.length; m++) {
            double p = probability(m, f);
            s += rewardWeights[m] * p;
            none *= 1 - p;
        }
        return s + ignore * none;
    }

    /** P(reaction of type {@code types().get(m)} | f). */
    public double probability(int m, double[] f) {
        double[] w = weights[m];
        double logit = 0;
        for (int i = 0; i < f.length && i < w.length; i++) logit += w[i] * f[i];
        return 1 / (1 + Math.exp(-Math.max(-MAX_LOGIT, Math.min(MAX_LOGIT, logit))));
    }

    public List<String> types() {
        return types;
    }

    /** The weight of coordinate {@code i} in the model of type {@code m}. */
    public double weight(int m, int i) {
        return i < weights[m].length ? weights[m][i] : 0;
    }

    /** The lowest score any item can get. */
    public double lowest() {
        double low = Math.min(0, ignore);
        for (double w : rewardWeights) low += Math.min(0, w);
        return low;
    }

    /** The highest score any item can get. */
    public double highest() {
        double high = Math.max(0, ignore);
        for (double w : rewardWeights) high += Math.max(0, w);
        return high;
    }
}
