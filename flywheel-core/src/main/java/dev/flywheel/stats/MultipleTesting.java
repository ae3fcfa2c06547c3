package dev.flywheel.stats;

import dev.flywheel.stats.internal.Checks;
import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;

/**
 * Adjusted p-values across a family of tests (e.g. many metrics of one experiment). Holm controls the
 * family-wise error rate; Benjamini–Hochberg controls the false discovery rate. Adjusted values are
 * returned in the input order and capped at 1.
 */
public final class MultipleTesting {
    /** Which adjustment to apply. */
    public enum Method { NONE, HOLM, BENJAMINI_HOCHBERG }

    private MultipleTesting() {
    }

    public static double[] adjust(double[] pValues, Method method) {
        for (int i = 0; i < pValues.length; i++) {
            Checks.probability("pValues[" + i + "]", pValues[i]);
        }
        return switch (method) {
            case NONE -> pValues.clone();
            case HOLM -> holm(pValues);
            case BENJAMINI_HOCHBERG -> benjaminiHochberg(pValues);
        };
    }

    /** Holm step-down: p_(i) * (m - i + 1), made monotone non-decreasing in rank. */
    public static double[] holm(double[] p) {
        int m = p.length;
        Integer[] order = ascending(p);
        double[] out = new double[m];
        double running = 0;
        for (int rank = 0; rank < m; rank++) {
            int idx = order[rank];
            running = Math.max(running, Math.min(1, p[idx] * (m - rank)));
            out[idx] = running;
        }
        return out;
    }

    /** BH step-up: p_(i) * m / i, made monotone non-increasing from the largest rank down. */
    public static double[] benjaminiHochberg(double[] p) {
        int m = p.length;
        Integer[] order = ascending(p);
        double[] out = new double[m];
        double running = 1;
        for (int rank = m - 1; rank >= 0; rank--) {
            int idx = order[rank];
            running = Math.min(running, p[idx] * m / (rank + 1));
            out[idx] = running;
        }
        return out;
    }

    private static Integer[] ascending(double[] p) {
        Integer[] order = IntStream.range(0, p.length).boxed().toArray(Integer[]::new);
        Arrays.sort(order, Comparator.comparingDouble(i -> p[i]));
        return order;
    }
}
