package dev.flywheel.quality;

import dev.flywheel.stats.internal.LinearAlgebra;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * The domain classifier of {@link EmbeddingDrift#domainClassifier}: can a linear model tell current
 * vectors from reference ones it did not train on? Its pieces are separate so each can be checked
 * against an independent computation.
 *
 * <p>The model is a ridge-penalised logistic regression on components standardised by the training
 * half: it minimises the mean log loss plus {@code ridge/2 · |w|²} (the intercept is not penalised).
 * The penalty is not optional here: a few hundred training rows in 384 dimensions are linearly
 * separable even when nothing drifted, and an unpenalised fit runs off to infinite weights.
 * Standardising first makes one penalty mean the same for every embedder, whatever the scale of its
 * components. Newton's method fits it to convergence, so the result depends on the data and the
 * split only (no learning rate, no epoch order).
 */
final class DomainClassifier {
    private static final int MAX_ITERATIONS = 100;
    private static final double TOLERANCE = 1e-9;

    private DomainClassifier() {
    }

    /** Training and test rows; {@code true} marks a current row. */
    record Split(double[][] trainX, boolean[] trainY, double[][] testX, boolean[] testY) { }

    /**
     * Splits each window on its own (stratified): a seeded shuffle of its rows, the first ⌊n/2⌋ to
     * training and the other ⌈n/2⌉ to test (sklearn's {@code test_size=0.5} rounds the test part up too).
     */
    static Split split(float[][] reference, float[][] current, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        int[] r = shuffled(reference.length, random);
        int[] c = shuffled(current.length, random);
        int rTrain = reference.length / 2;
        int cTrain = current.length / 2;
        double[][] trainX = new double[rTrain + cTrain][];
        boolean[] trainY = new boolean[trainX.length];
        double[][] testX = new double[reference.length + current.length - trainX.length][];
        boolean[] testY = new boolean[testX.length];
        int train = 0;
        int test = 0;
        for (int i = 0; i < r.length; i++) {
            if (i < rTrain) trainX[train++] = widen(reference[r[i]]);
            else testX[test++] = widen(reference[r[i]]);
        }
        for (int i = 0; i < c.length; i++) {
            if (i < cTrain) {
                trainY[train] = true;
                trainX[train++] = widen(current[c[i]]);
            } else {
                testY[test] = true;
                testX[test++] = widen(current[c[i]]);
            }
        }
        return new Split(trainX, trainY, testX, testY);
    }

    /** The test part's ROC AUC of a model fitted on the training part. */
    static double testAuc(Split s, double ridge) {
        double[][] scale = scale(s.trainX());
        double[][] trainX = standardise(s.trainX(), scale);
        double[] beta = fit(trainX, s.trainY(), ridge);
        double[][] testX = standardise(s.testX(), scale);
        double[] scores = new double[testX.length];
        for (int i = 0; i < scores.length; i++) scores[i] = score(beta, testX[i]);
        return rocAuc(scores, s.testY());
    }

    /**
     * Coefficients [intercept, w₁..w_p] minimising the mean log loss + {@code ridge/2 · |w|²}. Newton
     * steps, halved while they would raise the objective (a full step can overshoot where the loss
     * flattens); stops when no coefficient moves by more than 1e-9.
     */
    static double[] fit(double[][] x, boolean[] y, double ridge) {
        double[] beta = new double[x[0].length + 1];
        double loss = objective(x, y, beta, ridge);
        for (int iter = 0; iter < MAX_ITERATIONS; iter++) {
            double[] gradient = new double[beta.length];
            double[][] hessian = new double[beta.length][beta.length];
            derivatives(x, y, beta, ridge, gradient, hessian);
            double[] step = LinearAlgebra.solve(hessian, gradient);
            double t = 1;
            double[] next = moved(beta, step, t);
            double nextLoss = objective(x, y, next, ridge);
            while (nextLoss > loss && t > 1e-6) {
                t /= 2;
                next = moved(beta, step, t);
                nextLoss = objective(x, y, next, ridge);
            }
            double change = 0;
            for (double v : step) change = Math.max(change, Math.abs(v) * t);
            beta = next;
            loss = nextLoss;
            if (change < TOLERANCE) break;
        }
        return beta;
    }

    /**
     * The linear predictor: ranks rows as the probability does (the sigmoid is increasing), without
     * the ties a probability rounded to 1.0 would make.
     */
    static double score(double[] beta, double[] row) {
        double s = beta[0];
        for (int j = 0; j < row.length; j++) s += beta[j + 1] * row[j];
        return s;
    }

    /**
     * ROC AUC as the Mann–Whitney statistic: (R₊ − n₊(n₊+1)/2) / (n₊n₋), R₊ the positives' rank sum
     * with tied scores sharing their mean rank, so a tie counts one half, as in sklearn's
     * {@code roc_auc_score}.
     */
    static double rocAuc(double[] scores, boolean[] positive) {
        Integer[] order = new Integer[scores.length];
        long positives = 0;
        for (int i = 0; i < order.length; i++) {
            if (Double.isNaN(scores[i])) throw new IllegalArgumentException("a score is NaN");
            order[i] = i;
            if (positive[i]) positives++;
        }
        long negatives = scores.length - positives;
        if (positives == 0 || negatives == 0) throw new IllegalArgumentException("ROC AUC needs both classes");
        Arrays.sort(order, (a, b) -> Double.compare(scores[a], scores[b]));
        double rankSum = 0;
        for (int i = 0; i < order.length; ) {
            int j = i;
            while (j + 1 < order.length && scores[order[j + 1]] == scores[order[i]]) j++;
            double rank = (i + j) / 2.0 + 1;
            for (int k = i; k <= j; k++) if (positive[order[k]]) rankSum += rank;
            i = j + 1;
        }
        return (rankSum - positives * (positives + 1) / 2.0) / ((double) positives * negatives);
    }

    /** Mean and population standard deviation of each column (1 for a constant column). */
    static double[][] scale(double[][] x) {
        int p = x[0].length;
        double[] mean = new double[p];
        double[] sd = new double[p];
        for (double[] row : x) for (int j = 0; j < p; j++) mean[j] += row[j] / x.length;
        for (double[] row : x) for (int j = 0; j < p; j++) sd[j] += (row[j] - mean[j]) * (row[j] - mean[j]) / x.length;
        for (int j = 0; j < p; j++) sd[j] = sd[j] > 0 ? Math.sqrt(sd[j]) : 1;
        return new double[][] {mean, sd};
    }

    static double[][] standardise(double[][] x, double[][] scale) {
        double[][] out = new double[x.length][];
        for (int i = 0; i < x.length; i++) {
            out[i] = new double[x[i].length];
            for (int j = 0; j < x[i].length; j++) out[i][j] = (x[i][j] - scale[0][j]) / scale[1][j];
        }
        return out;
    }

    private static double objective(double[][] x, boolean[] y, double[] beta, double ridge) {
        double loss = 0;
        for (int i = 0; i < x.length; i++) {
            double eta = score(beta, x[i]);
            // log(1 + e^η) − yη, written to stay finite for large |η|
            loss += Math.max(eta, 0) + Math.log1p(Math.exp(-Math.abs(eta))) - (y[i] ? eta : 0);
        }
        double penalty = 0;
        for (int j = 1; j < beta.length; j++) penalty += beta[j] * beta[j];
        return loss / x.length + ridge / 2 * penalty;
    }

    /** Gradient and Hessian of the objective; the Hessian's upper triangle is summed, then mirrored. */
    private static void derivatives(double[][] x, boolean[] y, double[] beta, double ridge, double[] gradient, double[][] hessian) {
        int p = beta.length;
        double[] z = new double[p];
        z[0] = 1;
        for (int i = 0; i < x.length; i++) {
            System.arraycopy(x[i], 0, z, 1, p - 1);
            double mu = sigmoid(score(beta, x[i]));
            double w = mu * (1 - mu) / x.length;
            double r = (mu - (y[i] ? 1 : 0)) / x.length;
            for (int a = 0; a < p; a++) {
                gradient[a] += r * z[a];
                double wa = w * z[a];
                double[] row = hessian[a];
                for (int b = a; b < p; b++) row[b] += wa * z[b];
            }
        }
        for (int a = 1; a < p; a++) {
            gradient[a] += ridge * beta[a];
            hessian[a][a] += ridge;
        }
        for (int a = 0; a < p; a++) for (int b = 0; b < a; b++) hessian[a][b] = hessian[b][a];
    }

    private static double[] moved(double[] beta, double[] step, double t) {
        double[] next = beta.clone();
        for (int j = 0; j < next.length; j++) next[j] -= t * step[j];
        return next;
    }

    private static double sigmoid(double t) {
        return t >= 0 ? 1 / (1 + Math.exp(-t)) : Math.exp(t) / (1 + Math.exp(t));
    }

    private static int[] shuffled(int n, SplittableRandom random) {
        int[] idx = new int[n];
        for (int i = 0; i < n; i++) idx[i] = i;
        for (int i = n - 1; i > 0; i--) { // Fisher–Yates
            int j = random.nextInt(i + 1);
            int tmp = idx[i];
            idx[i] = idx[j];
            idx[j] = tmp;
        }
        return idx;
    }

    private static double[] widen(float[] v) {
        double[] out = new double[v.length];
        for (int j = 0; j < v.length; j++) out[j] = v[j];
        return out;
    }
}
