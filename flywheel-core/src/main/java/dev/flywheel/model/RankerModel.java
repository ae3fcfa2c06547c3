package dev.flywheel.model;

import dev.flywheel.model.internal.RankingFeatures.Feature;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * An immutable state of the learned ranker, published by its learner and read by any number of
 * decisions without locks: one logistic model per rewarded reaction type, that type's fixed reward
 * weight and, for a type paid by its value, its value weight times the mean value seen. A
 * candidate's score is its expected reward per impression,
 * Σ (weight(type) + value(type) · itemValue) · P(type) + ignore · Π (1 − P(type)), where itemValue is
 * the item's mean paid value relative to the mean ({@link Feature#ITEM_VALUE}, on the log scale): a
 * purchase of a dear product is worth more than one of a cheap product.
 */
public final class RankerModel {
    private static final double MAX_LOGIT = 35;
    /** Without per-item values: each value-paid type's mean was folded into its reward weight. */
    private static final int FORMAT_1 = 0x52414e31; // "RAN1"
    private static final int FORMAT = 0x52414e32; // "RAN2"
    private static final int ITEM_VALUE = Feature.ITEM_VALUE.ordinal();
    private final List<String> types;
    private final double[] rewardWeights;
    private final double[] valueWeights;
    private final double ignore;
    private final double[][] weights;

    /** @param valueWeights per type, its value weight times its mean value (0 for a type not paid by value) */
    RankerModel(List<String> types, double[] rewardWeights, double[] valueWeights, double ignore, double[][] weights) {
        this.types = List.copyOf(types);
        this.rewardWeights = rewardWeights.clone();
        this.valueWeights = valueWeights.clone();
        this.ignore = ignore;
        this.weights = new double[weights.length][];
        for (int m = 0; m < weights.length; m++) this.weights[m] = weights[m].clone();
    }

    /**
     * The state as bytes: the same model always gives the same bytes (a registered version's state
     * is content-addressed, and a retrain from its snapshot must give it again byte for byte).
     */
    public byte[] toBytes() {
        int size = 4 + 4 + 8 + 4;
        for (String t : types) size += 4 + t.getBytes(StandardCharsets.UTF_8).length + 8 + 8;
        for (double[] w : weights) size += 4 + 8 * w.length;
        ByteBuffer b = ByteBuffer.allocate(size);
        b.putInt(FORMAT).putInt(types.size()).putDouble(ignore).putInt(weights.length);
        for (int m = 0; m < types.size(); m++) {
            byte[] t = types.get(m).getBytes(StandardCharsets.UTF_8);
            b.putInt(t.length).put(t).putDouble(rewardWeights[m]).putDouble(valueWeights[m]);
        }
        for (double[] w : weights) {
            b.putInt(w.length);
            for (double x : w) b.putDouble(x);
        }
        return b.array();
    }

    /** The model whose {@link #toBytes} gave {@code state}. */
    public static RankerModel fromBytes(byte[] state) {
        ByteBuffer b = ByteBuffer.wrap(state);
        int format = b.getInt();
        if (format != FORMAT && format != FORMAT_1) throw new IllegalArgumentException("not a ranker model state");
        int n = b.getInt();
        double ignore = b.getDouble();
        double[][] weights = new double[b.getInt()][];
        List<String> types = new ArrayList<>(n);
        double[] rewardWeights = new double[n];
        double[] valueWeights = new double[n];
        for (int m = 0; m < n; m++) {
            byte[] t = new byte[b.getInt()];
            b.get(t);
            types.add(new String(t, StandardCharsets.UTF_8));
            rewardWeights[m] = b.getDouble();
            if (format == FORMAT) valueWeights[m] = b.getDouble();
        }
        for (int m = 0; m < weights.length; m++) {
            weights[m] = new double[b.getInt()];
            for (int i = 0; i < weights[m].length; i++) weights[m][i] = b.getDouble();
        }
        if (b.hasRemaining()) throw new IllegalArgumentException("trailing bytes after a ranker model state");
        return new RankerModel(types, rewardWeights, valueWeights, ignore, weights);
    }

    /**
     * This model with every weight negated: it ranks what this one ranks last first. A deliberately
     * harmful version, for testing that the rollout's rules catch one.
     */
    public RankerModel reversed() {
        double[][] w = new double[weights.length][];
        for (int m = 0; m < weights.length; m++) {
            w[m] = weights[m].clone();
            for (int i = 0; i < w[m].length; i++) w[m][i] = -w[m][i];
        }
        return new RankerModel(types, rewardWeights, valueWeights, ignore, w);
    }

    /** The expected reward of an item whose ranking inputs are {@code f}. */
    public double score(double[] f) {
        double s = 0;
        double none = 1;
        double itemValue = Double.NaN;
        for (int m = 0; m < weights.length; m++) {
            double p = probability(m, f);
            double w = rewardWeights[m];
            if (valueWeights[m] != 0) {
                if (Double.isNaN(itemValue)) itemValue = Math.exp(f[ITEM_VALUE]);
                w += valueWeights[m] * itemValue;
            }
            s += w * p;
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
}
