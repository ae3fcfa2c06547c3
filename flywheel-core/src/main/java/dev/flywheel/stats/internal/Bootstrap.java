package dev.flywheel.stats.internal;

import java.util.Arrays;
import java.util.SplittableRandom;

/** Resampling helpers for seeded, reproducible bootstrap intervals. */
public final class Bootstrap {
    private Bootstrap() {
    }

    /** n indices drawn uniformly with replacement from [0, n). */
    public static int[] resample(int n, SplittableRandom random) {
        int[] idx = new int[n];
        for (int i = 0; i < n; i++) {
            idx[i] = random.nextInt(n);
        }
        return idx;
    }

    /** Percentile interval of the finite replicates; NaN replicates (degenerate resamples) are dropped. */
    public static double[] percentile(double[] replicates, double confidence) {
        Checks.confidence(confidence);
        double[] r = Arrays.stream(replicates).filter(Double::isFinite).sorted().toArray();
        if (r.length == 0) {
            return new double[] {Double.NaN, Double.NaN};
        }
        double alpha = 1 - confidence;
        return new double[] {quantile(r, alpha / 2), quantile(r, 1 - alpha / 2)};
    }

    /** Linear-interpolation quantile of sorted values (type 7, as R and numpy default). */
    public static double quantile(double[] sorted, double q) {
        double h = (sorted.length - 1) * q;
        int lo = (int) Math.floor(h);
        int hi = Math.min(lo + 1, sorted.length - 1);
        return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
    }
}
