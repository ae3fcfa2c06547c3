package dev.flywheel.stats.internal;

/** Two-pass sample moments (numerically stable enough for the sizes Flywheel analyses in memory). */
public final class Moments {
    private Moments() {
    }

    public static double mean(double[] x) {
        Checks.minLength("values", x.length, 1);
        double s = 0;
        for (double v : x) {
            s += v;
        }
        return s / x.length;
    }

    /** Unbiased sample variance (n - 1 denominator). */
    public static double variance(double[] x) {
        return covariance(x, x);
    }

    /** Unbiased sample covariance (n - 1 denominator). */
    public static double covariance(double[] x, double[] y) {
        Checks.sameLength("x", x.length, "y", y.length);
        Checks.minLength("values", x.length, 2);
        double mx = mean(x);
        double my = mean(y);
        double s = 0;
        for (int i = 0; i < x.length; i++) {
            s += (x[i] - mx) * (y[i] - my);
        }
        return s / (x.length - 1);
    }
}
