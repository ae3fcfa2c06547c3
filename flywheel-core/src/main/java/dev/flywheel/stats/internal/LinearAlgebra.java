package dev.flywheel.stats.internal;

/** Dense solves for the small (p x p, p = covariates + 1) systems of regression fits. */
public final class LinearAlgebra {
    private LinearAlgebra() {
    }

    /**
     * Solves A x = b by Gaussian elimination with partial pivoting; A and b are copied. Throws when A is
     * singular (e.g. a constant or duplicated covariate), naming that case.
     */
    public static double[] solve(double[][] a, double[] b) {
        int n = b.length;
        double[][] m = new double[n][];
        for (int i = 0; i < n; i++) {
            m[i] = new double[n + 1];
            System.arraycopy(a[i], 0, m[i], 0, n);
            m[i][n] = b[i];
        }
        for (int col = 0; col < n; col++) {
            pivot(m, col);
            for (int r = col + 1; r < n; r++) {
                double f = m[r][col] / m[col][col];
                for (int c = col; c <= n; c++) {
                    m[r][c] -= f * m[col][c];
                }
            }
        }
        return backSubstitute(m);
    }

    private static void pivot(double[][] m, int col) {
        int pivot = col;
        for (int r = col + 1; r < m.length; r++) {
            if (Math.abs(m[r][col]) > Math.abs(m[pivot][col])) {
                pivot = r;
            }
        }
        if (Math.abs(m[pivot][col]) < 1e-12) {
            throw new IllegalArgumentException("singular design: a covariate is constant or collinear");
        }
        double[] tmp = m[col];
        m[col] = m[pivot];
        m[pivot] = tmp;
    }

    /** Solves the upper-triangular augmented system [U | c]. */
    private static double[] backSubstitute(double[][] m) {
        int n = m.length;
        double[] x = new double[n];
        for (int r = n - 1; r >= 0; r--) {
            double s = m[r][n];
            for (int c = r + 1; c < n; c++) {
                s -= m[r][c] * x[c];
            }
            x[r] = s / m[r][r];
        }
        return x;
    }

    /** Intercept-augmented row: [1, x_1, ..., x_p]. */
    public static double[] withIntercept(double[] row) {
        double[] z = new double[row.length + 1];
        z[0] = 1;
        System.arraycopy(row, 0, z, 1, row.length);
        return z;
    }

    public static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }
}
