package dev.flywheel.model.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Implicit ALS against a dense reference written here: the full c_ui-weighted normal equations and
 * loss summed over every (user, item) pair, and Gauss-Jordan elimination, none of which the
 * implementation uses (it has YᵀY, conjugate gradients and Cholesky).
 */
class ImplicitAlsTest {
    static final double LAMBDA = 0.1;

    /** users x items, each pair observed with probability density, increment alpha·r with r in 1..5. */
    static SparseMatrix random(int users, int items, double density, double alpha, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        SparseMatrix.Builder b = SparseMatrix.builder(users, items);
        for (int u = 0; u < users; u++) {
            for (int i = 0; i < items; i++) {
                if (random.nextDouble() < density) b.add(u, i, (float) (alpha * random.nextInt(1, 6)));
            }
        }
        return b.build();
    }

    @Test
    void usersSatisfyTheirNormalEquationsWhenConjugateGradientConverges() {
        SparseMatrix c = random(30, 20, 0.25, 2, 1);
        ImplicitAls.Model m = ImplicitAls.train(c, new ImplicitAls.Params(4, LAMBDA, 5, 20, 7));
        for (int u = 0; u < c.rows(); u++) {
            double[] reference = denseUserSolve(m, c, u);
            assertArrayEquals(reference, m.userVector(u), 1e-9 * (1 + norm(reference)), "user " + u);
        }
    }

    @Test
    void lossDoesNotIncreaseAcrossIterationsEvenWithInexactSolves() {
        SparseMatrix c = random(40, 30, 0.2, 3, 2);
        double previous = zeroModelLoss(c);
        for (int iterations = 1; iterations <= 8; iterations++) {
            // training is deterministic, so n + 1 iterations continue the path of n
            ImplicitAls.Model m = ImplicitAls.train(c, new ImplicitAls.Params(5, LAMBDA, iterations, 2, 11));
            double loss = loss(m, c);
            assertTrue(loss <= previous * (1 + 1e-12), "iteration " + iterations + ": " + loss + " > " + previous);
            previous = loss;
        }
        assertTrue(previous < 0.8 * zeroModelLoss(c), "training reduces the loss of x = y = 0 markedly");
    }

    @Test
    void plantedBlocksRankUnseenInGroupItemsFirst() {
        // users 0-9 consume items 0-9, users 10-19 items 10-19; each user has 3 of their group's items held out
        SplittableRandom random = new SplittableRandom(4);
        int n = 20;
        boolean[][] seen = new boolean[n][n];
        SparseMatrix.Builder b = SparseMatrix.builder(n, n);
        for (int u = 0; u < n; u++) {
            int group = u / 10;
            int[] groupItems = shuffled(10, random);
            for (int k = 3; k < 10; k++) {
                int i = group * 10 + groupItems[k];
                seen[u][i] = true;
                b.add(u, i, 5f);
            }
        }
        // twice the planted rank; λ = 5 keeps the spare factors from memorising each user's held-out zeros
        ImplicitAls.Model m = ImplicitAls.train(b.build(), new ImplicitAls.Params(4, 5, 15, 3, 5));
        for (int u = 0; u < n; u++) {
            int group = u / 10;
            double worstUnseenInGroup = Double.POSITIVE_INFINITY;
            double bestOutOfGroup = Double.NEGATIVE_INFINITY;
            for (int i = 0; i < n; i++) {
                if (i / 10 != group) bestOutOfGroup = Math.max(bestOutOfGroup, m.score(u, i));
                else if (!seen[u][i]) worstUnseenInGroup = Math.min(worstUnseenInGroup, m.score(u, i));
            }
            assertTrue(worstUnseenInGroup > bestOutOfGroup, "user " + u + ": " + worstUnseenInGroup + " vs " + bestOutOfGroup);
            assertTrue(worstUnseenInGroup - bestOutOfGroup > 0.25, "user " + u + ": clearly separated");
        }
    }

    @Test
    void foldInIsAnExactHalfIterationFromTheItemFactors() {
        SparseMatrix c = random(25, 18, 0.3, 2, 3);
        // 2 CG steps: the trained user vectors are not exact, the fold-in must be
        ImplicitAls.Model m = ImplicitAls.train(c, new ImplicitAls.Params(6, LAMBDA, 4, 2, 9));
        double maxGap = 0;
        for (int u = 0; u < c.rows(); u++) {
            double[] reference = denseUserSolve(m, c, u);
            double[] folded = m.foldIn(c.columns(u), c.values(u));
            assertArrayEquals(reference, folded, 1e-10 * (1 + norm(reference)), "user " + u);
            for (int d = 0; d < folded.length; d++) maxGap = Math.max(maxGap, Math.abs(folded[d] - m.userVector(u)[d]));
            assertEquals(dot(folded, m.itemVector(4)), m.score(folded, 4), 1e-12);
        }
        assertTrue(maxGap > 1e-6, "the trained vectors were inexact, so the comparison had something to catch");
        assertArrayEquals(new double[6], m.foldIn(new int[0], new float[0]), 0.0, "no feedback: no preference");
    }

    @Test
    void foldInOfATrainedUserReproducesItsVectorWhenTrainingWasExact() {
        SparseMatrix c = random(25, 18, 0.3, 2, 6);
        ImplicitAls.Model m = ImplicitAls.train(c, new ImplicitAls.Params(3, LAMBDA, 3, 30, 2));
        for (int u = 0; u < c.rows(); u++) {
            assertArrayEquals(m.userVector(u), m.foldIn(c.columns(u), c.values(u)), 1e-9, "user " + u);
        }
    }

    @Test
    void sameSeedGivesIdenticalFactorsAcrossParallelChunks() {
        // 1,500 users: three parallel chunks of rows
        SparseMatrix c = random(1_500, 60, 0.05, 1, 12);
        ImplicitAls.Params p = new ImplicitAls.Params(8, LAMBDA, 3, 3, 21);
        ImplicitAls.Model a = ImplicitAls.train(c, p);
        ImplicitAls.Model b = ImplicitAls.train(c, p);
        for (int u = 0; u < c.rows(); u++) assertArrayEquals(a.userVector(u), b.userVector(u), 0.0);
        for (int i = 0; i < c.cols(); i++) assertArrayEquals(a.itemVector(i), b.itemVector(i), 0.0);
        ImplicitAls.Model other = ImplicitAls.train(c, new ImplicitAls.Params(8, LAMBDA, 3, 3, 22));
        assertFalse(Arrays.equals(a.itemVector(0), other.itemVector(0)), "another seed starts elsewhere");
        assertEquals(1_500, a.users());
        assertEquals(60, a.items());
        assertEquals(8, a.factors());
    }

    @Test
    void usersAndItemsWithoutFeedbackGetNearZeroVectors() {
        SparseMatrix c = SparseMatrix.builder(3, 4).add(0, 0, 2f).add(0, 1, 1f).add(1, 1, 3f).build();
        ImplicitAls.Model m = ImplicitAls.train(c, new ImplicitAls.Params(2, LAMBDA, 5, 10, 1));
        // with nothing observed the least-squares target is p = 0 everywhere: x = 0 solves it exactly
        assertArrayEquals(new double[2], m.userVector(2), 1e-12);
        assertArrayEquals(new double[2], m.itemVector(3), 1e-12);
        assertTrue(m.score(0, 0) > m.score(0, 2));
        ImplicitAls.Model empty = ImplicitAls.train(SparseMatrix.builder(0, 3).build(), new ImplicitAls.Params(2, LAMBDA, 2, 2, 1));
        assertEquals(0, empty.users());
        assertArrayEquals(new double[2], empty.itemVector(1), 1e-12);
    }

    @Test
    void refusesBadParamsAndInput() {
        assertEquals("factors must be in 1..512, got 0", assertThrows(IllegalArgumentException.class,
                () -> new ImplicitAls.Params(0, 0.1, 1, 1, 0)).getMessage());
        assertThrows(IllegalArgumentException.class, () -> new ImplicitAls.Params(513, 0.1, 1, 1, 0));
        assertThrows(IllegalArgumentException.class, () -> new ImplicitAls.Params(4, -0.1, 1, 1, 0));
        assertThrows(IllegalArgumentException.class, () -> new ImplicitAls.Params(4, Double.NaN, 1, 1, 0));
        assertThrows(IllegalArgumentException.class, () -> new ImplicitAls.Params(4, 0.1, 0, 1, 0));
        assertEquals("cgSteps must be >= 1, got 0", assertThrows(IllegalArgumentException.class,
                () -> new ImplicitAls.Params(4, 0.1, 1, 0, 0)).getMessage());
        SparseMatrix negative = SparseMatrix.builder(2, 2).add(1, 0, -1f).build();
        ImplicitAls.Params p = new ImplicitAls.Params(2, 0.1, 1, 1, 0);
        assertEquals("userItems value at (1, 0) must be > 0 (a confidence increment alpha * r), got -1.0",
                assertThrows(IllegalArgumentException.class, () -> ImplicitAls.train(negative, p)).getMessage());
        ImplicitAls.Model m = ImplicitAls.train(SparseMatrix.builder(2, 3).add(0, 1, 1f).build(), p);
        assertEquals("items has item 1 twice", assertThrows(IllegalArgumentException.class,
                () -> m.foldIn(new int[] {1, 2, 1}, new float[] {1, 1, 1})).getMessage());
        assertThrows(IllegalArgumentException.class, () -> m.foldIn(new int[] {3}, new float[] {1}));
        assertThrows(IllegalArgumentException.class, () -> m.foldIn(new int[] {0}, new float[] {0}));
        assertThrows(IllegalArgumentException.class, () -> m.foldIn(new int[] {0}, new float[] {1, 2}));
        assertEquals("user 2 is outside [0, 2)", assertThrows(IllegalArgumentException.class, () -> m.score(2, 0)).getMessage());
    }

    /**
     * User u's exact least-squares vector given the model's item vectors, from the definition:
     * (Σ_i c_ui y_i y_iᵀ + λI) x = Σ_i c_ui p_ui y_i over all items, c_ui = 1 + increment.
     */
    static double[] denseUserSolve(ImplicitAls.Model m, SparseMatrix c, int u) {
        int f = m.factors();
        double[][] a = new double[f][f];
        double[] b = new double[f];
        for (int i = 0; i < m.items(); i++) {
            double[] y = m.itemVector(i);
            double increment = c.get(u, i);
            double confidence = 1 + increment;
            double preference = increment > 0 ? 1 : 0;
            for (int r = 0; r < f; r++) {
                b[r] += confidence * preference * y[r];
                for (int s = 0; s < f; s++) a[r][s] += confidence * y[r] * y[s];
            }
        }
        for (int r = 0; r < f; r++) a[r][r] += m.regularization();
        return gaussJordan(a, b);
    }

    /** Σ_{u,i} c_ui (p_ui − x_uᵀ y_i)² + λ(Σ|x_u|² + Σ|y_i|²) over every pair. */
    static double loss(ImplicitAls.Model m, SparseMatrix c) {
        double loss = 0;
        for (int u = 0; u < m.users(); u++) {
            double[] x = m.userVector(u);
            loss += m.regularization() * dot(x, x);
            for (int i = 0; i < m.items(); i++) {
                double increment = c.get(u, i);
                double error = (increment > 0 ? 1 : 0) - dot(x, m.itemVector(i));
                loss += (1 + increment) * error * error;
            }
        }
        for (int i = 0; i < m.items(); i++) loss += m.regularization() * dot(m.itemVector(i), m.itemVector(i));
        return loss;
    }

    /** The loss at x = y = 0: Σ over observed pairs of c_ui · 1². */
    static double zeroModelLoss(SparseMatrix c) {
        double loss = 0;
        for (int u = 0; u < c.rows(); u++) {
            for (float v : c.values(u)) loss += 1 + v;
        }
        return loss;
    }

    static double[] gaussJordan(double[][] a, double[] b) {
        int n = b.length;
        double[][] m = new double[n][n + 1];
        for (int r = 0; r < n; r++) {
            System.arraycopy(a[r], 0, m[r], 0, n);
            m[r][n] = b[r];
        }
        for (int col = 0; col < n; col++) {
            int pivot = col;
            for (int r = col + 1; r < n; r++) if (Math.abs(m[r][col]) > Math.abs(m[pivot][col])) pivot = r;
            double[] tmp = m[col];
            m[col] = m[pivot];
            m[pivot] = tmp;
            for (int r = 0; r < n; r++) {
                if (r == col) continue;
                double factor = m[r][col] / m[col][col];
                for (int k = col; k <= n; k++) m[r][k] -= factor * m[col][k];
            }
        }
        double[] x = new double[n];
        for (int r = 0; r < n; r++) x[r] = m[r][n] / m[r][r];
        return x;
    }

    static int[] shuffled(int n, SplittableRandom random) {
        int[] a = new int[n];
        for (int i = 0; i < n; i++) a[i] = i;
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
        return a;
    }

    static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) s += a[i] * b[i];
        return s;
    }

    static double norm(double[] a) {
        return Math.sqrt(dot(a, a));
    }
}
