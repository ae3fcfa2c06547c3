package dev.flywheel.stats.internal;

import java.util.SplittableRandom;

/**
 * Poisson variates for the Poisson bootstrap: inversion for small means, and Hörmann's PTRS
 * transformed rejection (1993, as in numpy) for means of 10 and more, so a draw costs O(1) even when
 * the mean is a cell of a million rows.
 */
public final class Poisson {
    private static final double[] LOG_FACTORIAL = new double[256];

    static {
        for (int k = 2; k < LOG_FACTORIAL.length; k++) {
            LOG_FACTORIAL[k] = LOG_FACTORIAL[k - 1] + Math.log(k);
        }
    }

    private Poisson() {
    }

    public static long sample(double mean, SplittableRandom random) {
        if (!(mean >= 0) || Double.isInfinite(mean)) {
            throw new IllegalArgumentException("mean must be finite and >= 0, got " + mean);
        }
        return mean < 10 ? inversion(mean, random) : ptrs(mean, random);
    }

    private static long inversion(double mean, SplittableRandom random) {
        double p = Math.exp(-mean);
        double cdf = p;
        double u = random.nextDouble();
        long k = 0;
        while (u > cdf && p > 0) {
            k++;
            p *= mean / k;
            cdf += p;
        }
        return k;
    }

    private static long ptrs(double mean, SplittableRandom random) {
        double slam = Math.sqrt(mean);
        double loglam = Math.log(mean);
        double b = 0.931 + 2.53 * slam;
        double a = -0.059 + 0.02483 * b;
        double invalpha = 1.1239 + 1.1328 / (b - 3.4);
        double vr = 0.9277 - 3.6224 / (b - 2);
        while (true) {
            double u = random.nextDouble() - 0.5;
            double v = random.nextDouble();
            double us = 0.5 - Math.abs(u);
            long k = (long) Math.floor((2 * a / us + b) * u + mean + 0.43);
            if (us >= 0.07 && v <= vr) {
                return k;
            }
            if (k < 0 || (us < 0.013 && v > us)) {
                continue;
            }
            if (Math.log(v) + Math.log(invalpha) - Math.log(a / (us * us) + b) <= -mean + k * loglam - logFactorial(k)) {
                return k;
            }
        }
    }

    /** ln k!: a table below 256, Stirling's series above (error below 1e-12 there). */
    static double logFactorial(long k) {
        if (k < LOG_FACTORIAL.length) {
            return LOG_FACTORIAL[(int) k];
        }
        double x = k;
        return x * Math.log(x) - x + 0.5 * Math.log(2 * Math.PI * x) + 1 / (12 * x) - 1 / (360 * x * x * x);
    }
}
