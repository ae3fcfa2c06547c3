package dev.flywheel.sim.articles;

import java.util.HashMap;
import java.util.Map;

/**
 * Observed impressions and reactions per item, with a Bayesian-smoothed rate toward the global
 * rate: an item seen a few times is not trusted over one seen hundreds of times. Mutable, owned by
 * one policy.
 */
final class ItemCounts {
    private final double priorStrength;
    private final Map<String, long[]> counts = new HashMap<>();
    private long impressions;
    private long hits;

    ItemCounts(double priorStrength) {
        if (!(priorStrength > 0)) throw new IllegalArgumentException("priorStrength must be > 0");
        this.priorStrength = priorStrength;
    }

    void add(String item, boolean hit) {
        long[] c = counts.computeIfAbsent(item, i -> new long[2]);
        c[0]++;
        impressions++;
        if (hit) {
            c[1]++;
            hits++;
        }
    }

    /** (hits + s·g) / (impressions + s), g the global rate with its own add-one prior. */
    double smoothedRate(String item) {
        double global = (hits + 1.0) / (impressions + 2.0);
        long[] c = counts.get(item);
        if (c == null) return global;
        return (c[1] + priorStrength * global) / (c[0] + priorStrength);
    }
}
