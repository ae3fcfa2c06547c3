package dev.flywheel.sim.shop;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a model version was truly worth, in expected revenue per decision: what the ledger's
 * estimates should be compared with.
 *
 * @param upliftVsParent  mean over the checkpoints where it was the canary of its expected revenue
 *                        minus the champion's then; NaN when it never was in canary
 * @param upliftVsHoldout mean over the checkpoints where it was champion of its expected revenue
 *                        minus the baseline's; 0 for the baseline itself, NaN when never champion
 */
public record VersionTruth(double upliftVsParent, double upliftVsHoldout) {

    /** The truth of every version that held a role at some checkpoint, in order of first appearance. */
    public static Map<String, VersionTruth> of(List<Checkpoint> checkpoints) {
        Map<String, VersionTruth> out = new LinkedHashMap<>();
        for (String v : versions(checkpoints)) out.put(v, new VersionTruth(vsParent(v, checkpoints), vsHoldout(v, checkpoints)));
        return out;
    }

    /** The JSON shape: {"v": {"uplift_vs_parent": x, "uplift_vs_holdout": y}}, null for NaN. */
    public static Map<String, Map<String, Object>> toJson(Map<String, VersionTruth> truth) {
        Map<String, Map<String, Object>> out = new LinkedHashMap<>();
        truth.forEach((v, t) -> {
            Map<String, Object> o = new LinkedHashMap<>();
            o.put("uplift_vs_parent", Double.isNaN(t.upliftVsParent) ? null : t.upliftVsParent);
            o.put("uplift_vs_holdout", Double.isNaN(t.upliftVsHoldout) ? null : t.upliftVsHoldout);
            out.put(v, o);
        });
        return out;
    }

    private static Set<String> versions(List<Checkpoint> checkpoints) {
        Set<String> out = new LinkedHashSet<>();
        for (Checkpoint c : checkpoints) {
            out.add(c.champion());
            if (c.canary() != null) out.add(c.canary());
            if (c.baseline() != null) out.add(c.baseline());
        }
        return out;
    }

    private static double vsParent(String v, List<Checkpoint> checkpoints) {
        List<Double> diffs = new ArrayList<>();
        for (Checkpoint c : checkpoints) {
            if (v.equals(c.canary())) diffs.add(c.expectedRevenue(v) - c.expectedRevenue(c.champion()));
        }
        return mean(diffs);
    }

    private static double vsHoldout(String v, List<Checkpoint> checkpoints) {
        List<Double> diffs = new ArrayList<>();
        boolean isBaseline = false;
        for (Checkpoint c : checkpoints) {
            isBaseline |= v.equals(c.baseline());
            if (v.equals(c.champion()) && c.baseline() != null) {
                diffs.add(c.expectedRevenue(v) - c.expectedRevenue(c.baseline()));
            }
        }
        // the baseline is what the holdout is served: measured against itself it earns nothing extra
        return diffs.isEmpty() && isBaseline ? 0 : mean(diffs);
    }

    private static double mean(List<Double> xs) {
        return xs.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
    }
}
