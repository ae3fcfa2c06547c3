package dev.flywheel.sim.shop;

import java.util.Arrays;

/**
 * A simulated shopper, all ground truth: a latent taste vector (matched against product vectors),
 * an affinity per category (index as in {@link ShopWorld#categories()}), how strongly price puts
 * them off, and how often they visit relative to others.
 */
public record Shopper(String id, double[] taste, double[] affinities, double priceSensitivity, double visitWeight) {

    public Shopper {
        if (id == null || id.isBlank()) throw new IllegalArgumentException("id is required");
        taste = taste.clone();
        affinities = affinities.clone();
        for (double x : taste) if (!Double.isFinite(x)) throw new IllegalArgumentException("taste must be finite");
        for (double x : affinities) if (!Double.isFinite(x)) throw new IllegalArgumentException("affinities must be finite");
        if (!(priceSensitivity >= 0) || Double.isInfinite(priceSensitivity)) {
            throw new IllegalArgumentException("priceSensitivity must be >= 0, got " + priceSensitivity);
        }
        if (!(visitWeight > 0) || Double.isInfinite(visitWeight)) {
            throw new IllegalArgumentException("visitWeight must be > 0, got " + visitWeight);
        }
    }

    /** A copy: the record stays immutable. */
    @Override
    public double[] taste() {
        return taste.clone();
    }

    /** A copy: the record stays immutable. */
    @Override
    public double[] affinities() {
        return affinities.clone();
    }

    public double affinity(int category) {
        return affinities[category];
    }

    /** Taste matched against a product's hidden vector. */
    public double match(Product p) {
        double sum = 0;
        for (int d = 0; d < taste.length; d++) sum += taste[d] * p.latent(d);
        return sum;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Shopper s && s.id.equals(id) && Arrays.equals(s.taste, taste)
                && Arrays.equals(s.affinities, affinities) && s.priceSensitivity == priceSensitivity
                && s.visitWeight == visitWeight;
    }

    @Override
    public int hashCode() {
        return id.hashCode() * 31 + Arrays.hashCode(taste);
    }

    @Override
    public String toString() {
        return "Shopper[" + id + ", taste=" + Arrays.toString(taste) + ", affinities=" + Arrays.toString(affinities)
                + ", priceSensitivity=" + priceSensitivity + ", visitWeight=" + visitWeight + "]";
    }
}
