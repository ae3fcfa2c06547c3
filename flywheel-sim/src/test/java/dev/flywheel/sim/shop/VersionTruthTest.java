package dev.flywheel.sim.shop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class VersionTruthTest {
    private static final Instant T = Instant.parse("2026-03-02T08:00:00Z");

    @Test
    void aHandWrittenHistory() {
        List<Checkpoint> history = List.of(
                cp(0, "v1", null, "v1", Map.of("v1", 2.0)),
                cp(1, "v1", "v2", "v1", Map.of("v1", 2.0, "v2", 3.0)),
                cp(2, "v1", "v2", "v1", Map.of("v1", 2.2, "v2", 2.6)),
                cp(3, "v2", null, "v1", Map.of("v1", 2.1, "v2", 2.9)),
                cp(4, "v2", "v3", "v1", Map.of("v1", 2.0, "v2", 3.0, "v3", 2.5)));
        Map<String, VersionTruth> t = VersionTruth.of(history);
        assertEquals(List.of("v1", "v2", "v3"), List.copyOf(t.keySet()));
        assertTrue(Double.isNaN(t.get("v1").upliftVsParent()));
        assertEquals(0.0, t.get("v1").upliftVsHoldout());
        assertEquals(((3.0 - 2.0) + (2.6 - 2.2)) / 2, t.get("v2").upliftVsParent(), 1e-12);
        assertEquals(((2.9 - 2.1) + (3.0 - 2.0)) / 2, t.get("v2").upliftVsHoldout(), 1e-12);
        assertEquals(2.5 - 3.0, t.get("v3").upliftVsParent(), 1e-12);
        assertTrue(Double.isNaN(t.get("v3").upliftVsHoldout()));
        Map<String, Map<String, Object>> json = VersionTruth.toJson(t);
        assertNull(json.get("v3").get("uplift_vs_holdout"));
        assertEquals(t.get("v3").upliftVsParent(), json.get("v3").get("uplift_vs_parent"));
    }

    /** Random histories against a second bookkeeping: running sums per (version, role). */
    @Test
    void randomHistoriesAgreeWithRunningSums() {
        SplittableRandom rng = new SplittableRandom(81);
        for (int trial = 0; trial < 200; trial++) {
            List<Checkpoint> history = new ArrayList<>();
            Map<String, double[]> parent = new HashMap<>();
            Map<String, double[]> holdout = new HashMap<>();
            for (int i = 0; i < 1 + rng.nextInt(12); i++) {
                String champion = "v" + rng.nextInt(4);
                String canary = rng.nextBoolean() ? null : "v" + (4 + rng.nextInt(3));
                String baseline = rng.nextInt(5) == 0 ? null : "v0";
                Map<String, Double> er = new HashMap<>();
                for (int v = 0; v < 7; v++) er.put("v" + v, 10 * rng.nextDouble());
                history.add(cp(i, champion, canary, baseline, er));
                if (canary != null) add(parent, canary, er.get(canary) - er.get(champion));
                if (baseline != null) add(holdout, champion, er.get(champion) - er.get(baseline));
            }
            Map<String, VersionTruth> t = VersionTruth.of(history);
            for (Map.Entry<String, VersionTruth> e : t.entrySet()) {
                double[] p = parent.get(e.getKey());
                double[] h = holdout.get(e.getKey());
                assertEquals(p == null ? Double.NaN : p[0] / p[1], e.getValue().upliftVsParent(), 1e-9);
                boolean baseline = history.stream().anyMatch(c -> e.getKey().equals(c.baseline()));
                double expected = h != null ? h[0] / h[1] : baseline ? 0 : Double.NaN;
                assertEquals(expected, e.getValue().upliftVsHoldout(), 1e-9, e.getKey() + " in " + history);
            }
        }
    }

    @Test
    void aCheckpointMustScoreEveryVersionItNames() {
        assertThrows(IllegalArgumentException.class, () -> cp(0, "v1", "v2", "v0", Map.of("v1", 1.0, "v0", 1.0)));
        assertThrows(IllegalArgumentException.class, () -> cp(0, "v1", null, null, Map.of("v1", -1.0)));
    }

    private static void add(Map<String, double[]> sums, String v, double x) {
        double[] s = sums.computeIfAbsent(v, k -> new double[2]);
        s[0] += x;
        s[1]++;
    }

    private static Checkpoint cp(int period, String champion, String canary, String baseline, Map<String, Double> er) {
        return new Checkpoint(T.plusSeconds(period), period, champion, canary, baseline, er);
    }
}
