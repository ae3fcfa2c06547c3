package dev.flywheel.stats.internal;

/** Ordinary least squares with intercept via the normal equations (few covariates, many rows). */
public final class LinearRegression {
    private LinearRegression() {
    }

    /** Coefficients [intercept, b_1..b_p] fitted on the rows where {@code use[i]} is true. */
    public static double[] fit(double[][] x, double[] y, boolean[] use) {
        int p = x[0].length + 1;
        double[][] xtx = new double[p][p];
        double[] xty = new double[p];
        int n = 0;
        for (int i = 0; i < y.length; i++) {
            if (!use[i]) {
                continue;
            }
            n++;
            double[] z = LinearAlgebra.withIntercept(x[i]);
            for (int r = 0; r < p; r++) {
                xty[r] += z[r] * y[i];
                for (int c = 0; c < p; c++) {
                    xtx[r][c] += z[r] * z[c];
                }
            }
        }
        if (n < p) {
            throw new IllegalArgumentException("outcome model needs at least " + p + " rows per group, got " + n);
        }
        return LinearAlgebra.solve(xtx, xty);
    }

    public static double predict(double[] coefficients, double[] row) {
        return LinearAlgebra.dot(coefficients, LinearAlgebra.withIntercept(row));
    }
}
