package dev.flywheel.model;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Online logistic regression by per-coordinate FTRL-Proximal (McMahan et al., "Ad Click Prediction:
 * a View from the Trenches", KDD 2013, Algorithm 1). Features are sparse: name → value; a feature
 * never seen has weight 0. Each name is a coordinate (an array index); a caller with a fixed feature
 * list names the coordinates up front and passes values as {@code double[]}, with no lookup per
 * name. The caller adds a constant feature (e.g. {@code "bias" → 1}) if it wants an intercept.
 *
 * <p>Per coordinate i the state is (zᵢ, nᵢ); the weight is computed lazily:
 * wᵢ = 0 if |zᵢ| ≤ λ₁, else −(zᵢ − sgn(zᵢ)·λ₁) / ((β + √nᵢ)/α + λ₂).
 * An update with gradient gᵢ = (p − y)·xᵢ does σᵢ = (√(nᵢ + gᵢ²) − √nᵢ)/α, zᵢ += gᵢ − σᵢ·wᵢ, nᵢ += gᵢ².
 */
public final class FtrlProximal {
    /** Logits beyond this are clamped: σ(35) is 1 − 6e−16, and exp() must not overflow. */
    private static final double MAX_LOGIT = 35;

    /**
     * @param alpha learning-rate scale; beta smooths the early per-coordinate rate; l1 makes weights
     *              exactly zero (sparse models); l2 shrinks them
     */
    public record Params(double alpha, double beta, double l1, double l2) {
        public Params {
            if (!(alpha > 0 && Double.isFinite(alpha))) throw new IllegalArgumentException("alpha must be positive");
            if (!(beta >= 0 && Double.isFinite(beta))) throw new IllegalArgumentException("beta must not be negative");
            if (!(l1 >= 0 && Double.isFinite(l1))) throw new IllegalArgumentException("l1 must not be negative");
            if (!(l2 >= 0 && Double.isFinite(l2))) throw new IllegalArgumentException("l2 must not be negative");
        }
    }

    private final Params params;
    /** Coordinate of each feature name. */
    private final Map<String, Integer> index = new HashMap<>();
    private String[] names = new String[0];
    /** Per coordinate: z, n, and the weight of (z, n), kept current on update because predict is hot. */
    private double[] z = new double[0];
    private double[] n = new double[0];
    private double[] w = new double[0];

    public FtrlProximal(Params params) {
        this(params, List.of());
    }

    /**
     * A model whose coordinates 0, 1, … are {@code coordinates}, in order: the dense {@code double[]}
     * methods take feature i's value at index i. Named features not listed get coordinates after them.
     */
    public FtrlProximal(Params params, List<String> coordinates) {
        if (params == null) throw new IllegalArgumentException("params is required");
        this.params = params;
        for (String name : coordinates) coordinate(name);
    }

    public Params params() {
        return params;
    }

    public double weight(String feature) {
        Integer i = index.get(feature);
        return i == null ? 0 : w[i];
    }

    /** P(label = 1 | features). */
    public double predict(Map<String, Double> features) {
        double logit = 0;
        for (Map.Entry<String, Double> e : features.entrySet()) {
            double v = value(e.getKey(), e.getValue());
            Integer i = index.get(e.getKey());
            if (i != null) logit += w[i] * v;
        }
        return sigmoid(logit);
    }

    /** P(label = 1 | x), where x[i] is the value of coordinate i (coordinates past x.length are 0). */
    public double predict(double[] x) {
        return sigmoid(logit(x));
    }

    /** One online step on (features, label); returns the prediction made before the step. */
    public double update(Map<String, Double> features, boolean label) {
        for (Map.Entry<String, Double> e : features.entrySet()) value(e.getKey(), e.getValue());
        for (String name : features.keySet()) coordinate(name);
        double[] x = new double[names.length];
        features.forEach((name, v) -> x[index.get(name)] = v);
        return update(x, label);
    }

    /**
     * One online step on (x, label), x indexed like {@link #predict(double[])}; returns the prediction
     * made before the step. A coordinate of value 0 has gradient 0 and keeps its state exactly.
     */
    public double update(double[] x, boolean label) {
        if (x.length > names.length) throw new IllegalArgumentException("x has " + x.length + " values for " + names.length + " coordinates");
        for (int i = 0; i < x.length; i++) {
            if (!Double.isFinite(x[i])) throw new IllegalArgumentException("feature " + names[i] + " must be finite");
        }
        double p = predict(x);
        double y = label ? 1 : 0;
        for (int i = 0; i < x.length; i++) {
            if (x[i] == 0) continue;
            double g = (p - y) * x[i];
            double sigma = (Math.sqrt(n[i] + g * g) - Math.sqrt(n[i])) / params.alpha();
            z[i] += g - sigma * w[i];
            n[i] += g * g;
            w[i] = weight(z[i], n[i]);
        }
        return p;
    }

    /** The current weights by coordinate, as a copy: an immutable model state can be published from it. */
    public double[] weights() {
        return w.clone();
    }

    /**
     * Starts coordinate i at weight {@code w0[i]} instead of 0, before any update: FTRL's state for
     * that weight with no gradient seen (n = 0) is z = −(w0·(β/α + λ₂) + sgn(w0)·λ₁). Updates then
     * move the weights from there, so a prior ordering holds until data says otherwise.
     */
    public void warmStart(double[] w0) {
        if (w0.length > names.length) throw new IllegalArgumentException("w0 has " + w0.length + " values for " + names.length + " coordinates");
        for (int i = 0; i < w0.length; i++) {
            if (!Double.isFinite(w0[i])) throw new IllegalArgumentException("w0[" + i + "] must be finite");
            if (n[i] != 0) throw new IllegalStateException("warmStart after updates: coordinate " + names[i] + " has state");
            z[i] = -(w0[i] * (params.beta() / params.alpha() + params.l2()) + Math.signum(w0[i]) * params.l1());
            w[i] = weight(z[i], n[i]);
        }
    }

    /** Its whole state, for a checkpoint: the coordinates' names and, per coordinate, z, n and w. */
    public void writeState(dev.flywheel.state.StateWriter out) {
        out.putStrings(Arrays.asList(names)).putDoubles(z).putDoubles(n).putDoubles(w);
    }

    /** Restores what {@link #writeState} wrote, replacing any state this model had. */
    public void readState(dev.flywheel.state.StateReader in) {
        List<String> restored = in.getStrings();
        double[] rz = in.getDoubles();
        double[] rn = in.getDoubles();
        double[] rw = in.getDoubles();
        if (rz.length != restored.size() || rn.length != rz.length || rw.length != rz.length) {
            throw new IllegalStateException("FTRL state with " + restored.size() + " names and " + rz.length + " coordinates");
        }
        index.clear();
        names = restored.toArray(new String[0]);
        for (int i = 0; i < names.length; i++) index.put(names[i], i);
        z = rz;
        n = rn;
        w = rw;
    }

    /** Number of coordinates with state, for memory accounting. */
    public int size() {
        return names.length;
    }

    private double logit(double[] x) {
        if (x.length > w.length) throw new IllegalArgumentException("x has " + x.length + " values for " + w.length + " coordinates");
        double logit = 0;
        for (int i = 0; i < x.length; i++) logit += w[i] * x[i];
        return logit;
    }

    private int coordinate(String name) {
        Integer i = index.get(name);
        if (i != null) return i;
        int c = names.length;
        index.put(name, c);
        names = Arrays.copyOf(names, c + 1);
        names[c] = name;
        z = Arrays.copyOf(z, c + 1);
        n = Arrays.copyOf(n, c + 1);
        w = Arrays.copyOf(w, c + 1);
        return c;
    }

    private double weight(double z, double n) {
        if (Math.abs(z) <= params.l1()) return 0;
        return -(z - Math.signum(z) * params.l1()) / ((params.beta() + Math.sqrt(n)) / params.alpha() + params.l2());
    }

    private static double value(String name, Double v) {
        if (v == null || !Double.isFinite(v)) throw new IllegalArgumentException("feature " + name + " must be finite");
        return v;
    }

    private static double sigmoid(double logit) {
        double x = Math.max(-MAX_LOGIT, Math.min(MAX_LOGIT, logit));
        return 1 / (1 + Math.exp(-x));
    }
}
