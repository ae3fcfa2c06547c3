package dev.flywheel.model.internal;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

/**
 * Matrix factorisation of implicit feedback by alternating least squares (Hu, Koren &amp; Volinsky,
 * "Collaborative Filtering for Implicit Feedback Datasets", ICDM 2008). Every (user u, item i) pair
 * counts: the preference p_ui is 1 where the user interacted and 0 elsewhere, weighted by a confidence
 * c_ui = 1 + α·r_ui (1 where nothing was observed). The factors minimise
 * <pre>
 *   L = Σ_{u,i} c_ui (p_ui − x_uᵀ y_i)² + λ (Σ_u |x_u|² + Σ_i |y_i|²).
 * </pre>
 * The input holds only the observed pairs, each with its confidence increment c_ui − 1 = α·r_ui &gt; 0.
 *
 * <p>With the items Y fixed, user u's vector solves the normal equations
 * (YᵀY + Yᵀ(Cᵘ − I)Y + λI) x_u = YᵀCᵘ p(u), in which the unobserved items are all inside the shared
 * YᵀY, so the rest costs only the user's n_u items. Instead of forming and factoring that f x f matrix
 * per user, training takes a few conjugate-gradient steps from the previous x_u, multiplying by the
 * matrix as YᵀY·v + Σ_{i∈u} (c_ui − 1)(y_iᵀ v) y_i at O(f² + n_u f) a step (Takács, Pilászy &amp; Tikk,
 * "Applications of the conjugate gradient method for implicit feedback collaborative filtering",
 * RecSys 2011; the {@code least_squares_cg} solver of the Python {@code implicit} library). A CG step
 * never raises the quadratic it minimises, so L does not increase from one half-step to the next even
 * when the solves are inexact. The items are solved the same way with the users fixed.
 *
 * <p>Each iteration solves the items, then the users: the user vectors of a trained model then belong
 * to its final item vectors, as {@link Model#foldIn} computes them for a new or updated user (up to the
 * CG truncation). Factors start as seeded normal draws times {@value #INIT_SCALE}. Rows are solved in
 * parallel in fixed chunks; a row reads only the fixed side and writes only itself, so the result is
 * the same, bit for bit, whatever the scheduling: training is deterministic given the seed.
 */
public final class ImplicitAls {
    static final double INIT_SCALE = 0.01;
    /** Rows per parallel task: enough work to amortise the task, small enough to balance two cores. */
    private static final int CHUNK = 512;
    /** A squared residual norm below this counts as solved (the threshold of {@code implicit}). */
    private static final double TINY_RESIDUAL = 1e-20;

    private ImplicitAls() {
    }

    /**
     * @param factors        dimension f of the user and item vectors, 1..512
     * @param regularization λ, the weight of the squared norms of the factors
     * @param iterations     alternating passes (items, then users)
     * @param cgSteps        conjugate-gradient steps per row and pass; f steps solve a row exactly
     * @param seed           of the initial factors
     */
    public record Params(int factors, double regularization, int iterations, int cgSteps, long seed) {
        public Params {
            if (factors < 1 || factors > 512) throw new IllegalArgumentException("factors must be in 1..512, got " + factors);
            if (!(regularization >= 0 && Double.isFinite(regularization))) {
                throw new IllegalArgumentException("regularization must be finite and >= 0, got " + regularization);
            }
            if (iterations < 1) throw new IllegalArgumentException("iterations must be >= 1, got " + iterations);
            if (cgSteps < 1) throw new IllegalArgumentException("cgSteps must be >= 1, got " + cgSteps);
        }
    }

    /**
     * Trains on users x items confidence increments (α·r_ui &gt; 0 for each observed pair).
     *
     * @throws IllegalArgumentException naming the cell of a value that is not &gt; 0
     */
    public static Model train(SparseMatrix userItems, Params p) {
        if (userItems == null) throw new IllegalArgumentException("userItems is required");
        if (p == null) throw new IllegalArgumentException("params is required");
        checkPositive(userItems);
        int f = p.factors();
        SparseMatrix itemUsers = userItems.transpose();
        SplittableRandom random = new SplittableRandom(p.seed());
        double[] x = initial(userItems.rows(), f, random, "users");
        double[] y = initial(userItems.cols(), f, random, "items");
        for (int it = 0; it < p.iterations(); it++) {
            halfStep(itemUsers, y, x, f, p.regularization(), p.cgSteps());
            halfStep(userItems, x, y, f, p.regularization(), p.cgSteps());
        }
        return new Model(userItems.rows(), userItems.cols(), f, p.regularization(), x, y);
    }

    private static void checkPositive(SparseMatrix m) {
        for (int r = 0; r < m.rows(); r++) {
            for (int k = m.start(r); k < m.end(r); k++) {
                if (!(m.value(k) > 0)) {
                    throw new IllegalArgumentException("userItems value at (" + r + ", " + m.column(k)
                            + ") must be > 0 (a confidence increment alpha * r), got " + m.value(k));
                }
            }
        }
    }

    private static double[] initial(int rows, int f, SplittableRandom random, String what) {
        if ((long) rows * f > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException(rows + " " + what + " x " + f + " factors do not fit one array");
        }
        double[] v = new double[rows * f];
        for (int i = 0; i < v.length; i++) v[i] = random.nextGaussian() * INIT_SCALE;
        return v;
    }

    /**
     * A model of vectors trained elsewhere (a factorisation from Spark, taken into this numbering),
     * scored and folded in exactly as one trained here.
     *
     * @param userFactors users x factors, row-major (copied)
     * @param itemFactors items x factors, row-major (copied)
     */
    public static Model model(int users, int items, int factors, double regularization, double[] userFactors,
                              double[] itemFactors) {
        new Params(factors, regularization, 1, 1, 0); // the same checks of factors and λ
        if (users < 0 || items < 0) throw new IllegalArgumentException("users and items must be >= 0");
        if (userFactors.length != (long) users * factors || itemFactors.length != (long) items * factors) {
            throw new IllegalArgumentException("vectors must hold users x factors and items x factors values");
        }
        return new Model(users, items, factors, regularization, userFactors.clone(), itemFactors.clone());
    }

    /** Re-solves every row of {@code solved} against {@code fixed}, whose rows are confidence's columns. */
    private static void halfStep(SparseMatrix confidence, double[] solved, double[] fixed, int f, double lambda,
                                 int cgSteps) {
        double[] a = gram(fixed, f);
        for (int d = 0; d < f; d++) a[d * f + d] += lambda;
        int rows = confidence.rows();
        int chunks = (rows + CHUNK - 1) / CHUNK;
        IntStream.range(0, chunks).parallel().forEach(c -> {
            double[] scratch = new double[3 * f];
            for (int r = c * CHUNK, end = Math.min(rows, r + CHUNK); r < end; r++) {
                conjugateGradient(confidence, r, solved, fixed, a, f, cgSteps, scratch);
            }
        });
    }

    /** VᵀV of the rows of v (f wide), in a fixed order so that it is reproducible. */
    static double[] gram(double[] v, int f) {
        double[] g = new double[f * f];
        for (int off = 0; off < v.length; off += f) {
            for (int a = 0; a < f; a++) {
                double va = v[off + a];
                for (int b = a; b < f; b++) g[a * f + b] += va * v[off + b];
            }
        }
        for (int a = 0; a < f; a++) {
            for (int b = 0; b < a; b++) g[a * f + b] = g[b * f + a];
        }
        return g;
    }

    /**
     * CG on (A + Σ_k c_k y_k y_kᵀ) x = Σ_k (1 + c_k) y_k, A = YᵀY + λI, from the current x (row r of
     * {@code solved}, updated in place), c_k the row's confidence increments and y_k the fixed rows
     * they name. One method because its vectors live in one scratch array: r, p and A·p.
     */
    private static void conjugateGradient(SparseMatrix confidence, int row, double[] solved, double[] fixed,
                                          double[] a, int f, int steps, double[] scratch) {
        int x = row * f;
        int from = confidence.start(row);
        int to = confidence.end(row);
        int r = 0;
        int p = f;
        int ap = 2 * f;
        multiply(a, solved, x, scratch, r, f);
        for (int d = 0; d < f; d++) scratch[r + d] = -scratch[r + d];
        for (int k = from; k < to; k++) {
            int y = confidence.column(k) * f;
            double c = confidence.value(k);
            double w = (1 + c) - c * dot(fixed, y, solved, x, f);
            for (int d = 0; d < f; d++) scratch[r + d] += w * fixed[y + d];
        }
        System.arraycopy(scratch, r, scratch, p, f);
        double rsOld = dot(scratch, r, scratch, r, f);
        for (int step = 0; step < steps && rsOld >= TINY_RESIDUAL; step++) {
            multiply(a, scratch, p, scratch, ap, f);
            for (int k = from; k < to; k++) {
                int y = confidence.column(k) * f;
                double w = confidence.value(k) * dot(fixed, y, scratch, p, f);
                for (int d = 0; d < f; d++) scratch[ap + d] += w * fixed[y + d];
            }
            double pAp = dot(scratch, p, scratch, ap, f);
            if (!(pAp > 0)) break; // p is numerically 0: nothing left to gain
            double alpha = rsOld / pAp;
            for (int d = 0; d < f; d++) {
                solved[x + d] += alpha * scratch[p + d];
                scratch[r + d] -= alpha * scratch[ap + d];
            }
            double rsNew = dot(scratch, r, scratch, r, f);
            double beta = rsNew / rsOld;
            for (int d = 0; d < f; d++) scratch[p + d] = scratch[r + d] + beta * scratch[p + d];
            rsOld = rsNew;
        }
    }

    /** out[o..o+f) = M · v[vo..vo+f) for the f x f row-major M. */
    private static void multiply(double[] m, double[] v, int vo, double[] out, int o, int f) {
        for (int i = 0; i < f; i++) out[o + i] = dot(m, i * f, v, vo, f);
    }

    private static double dot(double[] a, int ao, double[] b, int bo, int f) {
        double s = 0;
        for (int d = 0; d < f; d++) s += a[ao + d] * b[bo + d];
        return s;
    }

    /**
     * Trained user and item vectors; immutable. Users and items are the rows and columns of the
     * training matrix.
     */
    public static final class Model {
        private final int users;
        private final int items;
        private final int factors;
        private final double regularization;
        private final double[] userFactors;
        private final double[] itemFactors;
        /** YᵀY + λI, the part of every fold-in's matrix that does not depend on the user. */
        private final double[] foldInBase;

        Model(int users, int items, int factors, double regularization, double[] userFactors, double[] itemFactors) {
            this.users = users;
            this.items = items;
            this.factors = factors;
            this.regularization = regularization;
            this.userFactors = userFactors;
            this.itemFactors = itemFactors;
            this.foldInBase = gram(itemFactors, factors);
            for (int d = 0; d < factors; d++) foldInBase[d * factors + d] += regularization;
        }

        public int users() {
            return users;
        }

        public int items() {
            return items;
        }

        public int factors() {
            return factors;
        }

        public double regularization() {
            return regularization;
        }

        /** x_uᵀ y_i, the predicted preference. */
        public double score(int user, int item) {
            checkIndex("user", user, users);
            checkIndex("item", item, items);
            return dot(userFactors, user * factors, itemFactors, item * factors, factors);
        }

        /** xᵀ y_i for a user vector x from {@link #foldIn}. */
        public double score(double[] userVector, int item) {
            if (userVector == null || userVector.length != factors) {
                throw new IllegalArgumentException("userVector must have " + factors + " values");
            }
            checkIndex("item", item, items);
            return dot(userVector, 0, itemFactors, item * factors, factors);
        }

        /** A copy of x_u. */
        public double[] userVector(int user) {
            checkIndex("user", user, users);
            return Arrays.copyOfRange(userFactors, user * factors, (user + 1) * factors);
        }

        /** A copy of y_i. */
        public double[] itemVector(int item) {
            checkIndex("item", item, items);
            return Arrays.copyOfRange(itemFactors, item * factors, (item + 1) * factors);
        }

        /**
         * The exact least-squares vector of a user whose observed items and confidence increments are
         * given, with the item vectors fixed: the solution of
         * (YᵀY + Σ_k c_k y_k y_kᵀ + λI) x = Σ_k (1 + c_k) y_k by Cholesky, in O(n f² + f³). This is how
         * new feedback is folded in between trainings; for a trained user's own row it is the vector a
         * further exact half-iteration would give. No items gives the zero vector.
         *
         * @param items                 distinct item indices
         * @param confidenceIncrements  c_k = α·r_k &gt; 0 per item
         */
        public double[] foldIn(int[] items, float[] confidenceIncrements) {
            checkFoldIn(items, confidenceIncrements);
            int f = factors;
            double[] m = foldInBase.clone();
            double[] b = new double[f];
            for (int k = 0; k < items.length; k++) {
                int y = items[k] * f;
                double c = confidenceIncrements[k];
                for (int i = 0; i < f; i++) {
                    double cyi = c * itemFactors[y + i];
                    b[i] += (1 + c) * itemFactors[y + i];
                    for (int j = 0; j <= i; j++) m[i * f + j] += cyi * itemFactors[y + j];
                }
            }
            choleskySolve(m, b, f);
            return b;
        }

        private void checkFoldIn(int[] its, float[] increments) {
            if (its == null) throw new IllegalArgumentException("items is required");
            if (increments == null) throw new IllegalArgumentException("confidenceIncrements is required");
            if (its.length != increments.length) {
                throw new IllegalArgumentException("items and confidenceIncrements must have the same length, got "
                        + its.length + " and " + increments.length);
            }
            for (int k = 0; k < its.length; k++) {
                checkIndex("item", its[k], items);
                if (!(increments[k] > 0 && Float.isFinite(increments[k]))) {
                    throw new IllegalArgumentException("confidenceIncrements[" + k + "] must be finite and > 0, got "
                            + increments[k]);
                }
            }
            int[] sorted = its.clone();
            Arrays.sort(sorted);
            for (int k = 1; k < sorted.length; k++) {
                if (sorted[k] == sorted[k - 1]) throw new IllegalArgumentException("items has item " + sorted[k] + " twice");
            }
        }

        private static void checkIndex(String name, int index, int size) {
            if (index < 0 || index >= size) {
                throw new IllegalArgumentException(name + " " + index + " is outside [0, " + size + ")");
            }
        }
    }

    /**
     * Solves M x = b for the symmetric positive-definite f x f M (its lower triangle is read and
     * overwritten by the Cholesky factor L); x replaces b.
     */
    static void choleskySolve(double[] m, double[] b, int f) {
        for (int j = 0; j < f; j++) {
            double d = m[j * f + j];
            for (int k = 0; k < j; k++) d -= m[j * f + k] * m[j * f + k];
            if (!(d > 0)) {
                throw new IllegalStateException("the fold-in matrix is not positive definite: use regularization > 0");
            }
            double l = Math.sqrt(d);
            m[j * f + j] = l;
            for (int i = j + 1; i < f; i++) {
                double s = m[i * f + j];
                for (int k = 0; k < j; k++) s -= m[i * f + k] * m[j * f + k];
                m[i * f + j] = s / l;
            }
        }
        for (int i = 0; i < f; i++) {
            double s = b[i];
            for (int k = 0; k < i; k++) s -= m[i * f + k] * b[k];
            b[i] = s / m[i * f + i];
        }
        for (int i = f - 1; i >= 0; i--) {
            double s = b[i];
            for (int k = i + 1; k < f; k++) s -= m[k * f + i] * b[k];
            b[i] = s / m[i * f + i];
        }
    }
}
