package dev.flywheel.model;

import java.util.HashMap;
import java.util.Map;

/**
 * Online logistic regression by per-coordinate FTRL-Proximal (McMahan et al., "Ad Click Prediction:
 * a View from the Trenches", KDD 2013, Algorithm 1). Features are sparse: name → value; a feature
 * never seen has weight 0. The caller adds a constant feature (e.g. {@code "bias" → 1}) if it wants
 * an intercept.
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
    /** feature → {z, n} */
    private final Map<String, double[]> state = new HashMap<>();

    public FtrlProximal(Params params) {
        if (params == null) throw new IllegalArgumentException("params is required");
        this.params = params;
    }

    public Params params() {
        return params;
    }

    public double weight(String feature) {
        double[] zn = state.get(feature);
        return zn == null ? 0 : weight(zn[0], zn[1]);
    }

    /** P(label = 1 | features). */
    public double predict(Map<String, Double> features) {
        double logit = 0;
        for (Map.Entry<String, Double> e : features.entrySet()) logit += weight(e.getKey()) * value(e);
        return sigmoid(logit);
    }

    /** One online step on (features, label); returns the prediction made before the step. */
    public double update(Map<String, Double> features, boolean label) {
        Map<String, Double> w = new HashMap<>();
        double logit = 0;
        for (Map.Entry<String, Double> e : features.entrySet()) {
            double wi = weight(e.getKey());
            w.put(e.getKey(), wi);
            logit += wi * value(e);
        }
        double p = sigmoid(logit);
        double y = label ? 1 : 0;
        for (Map.Entry<String, Double> e : features.entrySet()) {
            double g = (p - y) * value(e);
            double[] zn = state.computeIfAbsent(e.getKey(), k -> new double[2]);
            double sigma = (Math.sqrt(zn[1] + g * g) - Math.sqrt(zn[1])) / params.alpha();
            zn[0] += g - sigma * w.get(e.getKey());
            zn[1] += g * g;
        }
        return p;
    }

    /** Number of coordinates with state, for memory accounting. */
    public int size() {
        return state.size();
    }

    private double weight(double z, double n) {
        if (Math.abs(z) <= params.l1()) return 0;
        return -(z - Math.signum(z) * params.l1()) / ((params.beta() + Math.sqrt(n)) / params.alpha() + params.l2());
    }

    private static double value(Map.Entry<String, Double> e) {
        Double v = e.getValue();
        if (v == null || !Double.isFinite(v)) throw new IllegalArgumentException("feature " + e.getKey() + " must be finite");
        return v;
    }

    private static double sigmoid(double logit) {
        double x = Math.max(-MAX_LOGIT, Math.min(MAX_LOGIT, logit));
        return 1 / (1 + Math.exp(-x));
    }
}
