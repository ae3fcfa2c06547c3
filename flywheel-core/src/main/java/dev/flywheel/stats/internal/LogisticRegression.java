package dev.flywheel.stats.internal;

/**
 * Logistic regression with intercept fitted by Newton–Raphson (IRLS). A tiny ridge penalty keeps the
 * Hessian invertible and the coefficients finite under (quasi-)separation, which otherwise drives them
 * to infinity and the propensities to exactly 0 or 1.
 */
public final class LogisticRegression {
    private static final double RIDGE = 1e-6;
    private static final int MAX_ITERATIONS = 50;
    private static final double TOLERANCE = 1e-10;

    private LogisticRegression() {
    }

    /** Coefficients [intercept, b_1..b_p]. */
    public static double[] fit(double[][] x, boolean[] y) {
        int p = x[0].length + 1;
        double[] beta = new double[p];
        for (int iter = 0; iter < MAX_ITERATIONS; iter++) {
            double[][] hessian = new double[p][p];
            double[] gradient = new double[p];
            accumulate(x, y, beta, hessian, gradient);
            for (int r = 0; r < p; r++) {
                hessian[r][r] += RIDGE * y.length;
                gradient[r] -= RIDGE * y.length * beta[r];
            }
            double[] step = LinearAlgebra.solve(hessian, gradient);
            double change = 0;
            for (int r = 0; r < p; r++) {
                beta[r] += step[r];
                change = Math.max(change, Math.abs(step[r]));
            }
            if (change < TOLERANCE) {
                break;
            }
        }
        return beta;
    }

    public static double predict(double[] beta, double[] row) {
        return sigmoid(LinearAlgebra.dot(beta, LinearAlgebra.withIntercept(row)));
    }

    private static void accumulate(double[][] x, boolean[] y, double[] beta, double[][] hessian, double[] gradient) {
        int p = beta.length;
        for (int i = 0; i < y.length; i++) {
            double[] z = LinearAlgebra.withIntercept(x[i]);
            double mu = sigmoid(LinearAlgebra.dot(beta, z));
            double w = mu * (1 - mu);
            double resid = (y[i] ? 1 : 0) - mu;
            for (int r = 0; r < p; r++) {
                gradient[r] += z[r] * resid;
                for (int c = 0; c < p; c++) {
                    hessian[r][c] += w * z[r] * z[c];
                }
            }
        }
    }

    private static double sigmoid(double t) {
        return t >= 0 ? 1 / (1 + Math.exp(-t)) : Math.exp(t) / (1 + Math.exp(t));
    }
}
