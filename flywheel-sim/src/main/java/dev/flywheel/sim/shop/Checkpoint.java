package dev.flywheel.sim.shop;

import java.time.Instant;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * The ground truth at one moment of a run: who held which role of the loop's rollout, and the mean
 * expected revenue per decision each of those versions would earn on the truth sample of shoppers,
 * with their state at that moment.
 *
 * @param canary   the version in canary, or null when none is
 * @param baseline the holdout's version, or null when the loop has none
 */
public record Checkpoint(Instant time, int period, String champion, String canary, String baseline,
                         Map<String, Double> meanExpectedRevenue) {

    public Checkpoint {
        if (time == null || champion == null) throw new IllegalArgumentException("time and champion are required");
        meanExpectedRevenue = Collections.unmodifiableMap(new TreeMap<>(meanExpectedRevenue));
        for (String v : new String[] {champion, canary, baseline}) {
            if (v != null && !meanExpectedRevenue.containsKey(v)) {
                throw new IllegalArgumentException("no expected revenue for version " + v);
            }
        }
        for (Map.Entry<String, Double> e : meanExpectedRevenue.entrySet()) {
            if (e.getValue() == null || !(e.getValue() >= 0)) {
                throw new IllegalArgumentException("expected revenue of " + e.getKey() + " must be >= 0, got " + e.getValue());
            }
        }
    }

    public double expectedRevenue(String version) {
        Double er = meanExpectedRevenue.get(version);
        if (er == null) throw new IllegalArgumentException("version " + version + " was not scored at this checkpoint");
        return er;
    }
}
