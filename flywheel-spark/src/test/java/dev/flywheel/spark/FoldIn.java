package dev.flywheel.spark;

import dev.flywheel.model.TrainedFactors;
import java.util.List;
import java.util.Map;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.CholeskyDecomposition;

/**
 * A user's vector folded into fixed item vectors, computed here apart from the engine (commons-math3's
 * Cholesky): x = (YᵀY + Σ_k c·y_k y_kᵀ + λI)⁻¹ Σ_k (1 + c)·y_k over the user's liked items k, with
 * c = α (a like weighs 1), Hu, Koren &amp; Volinsky's normal equations.
 */
final class FoldIn {
    private FoldIn() { }

    static double[] user(TrainedFactors f, List<String> liked, double alpha, double lambda) {
        return user(f, gram(f), liked, alpha, lambda);
    }

    /** YᵀY over every item vector. */
    static double[][] gram(TrainedFactors f) {
        double[][] g = new double[f.factors()][f.factors()];
        for (int i = 0; i < f.items().size(); i++) add(g, f.itemVector(i), 1);
        return g;
    }

    /** As above, with YᵀY given ({@link #gram}). */
    static double[] user(TrainedFactors f, double[][] gram, List<String> liked, double alpha, double lambda) {
        int k = f.factors();
        double[][] a = new double[k][];
        for (int d = 0; d < k; d++) a[d] = gram[d].clone();
        double[] b = new double[k];
        Map<String, Integer> index = f.itemIndex();
        for (String movie : liked) {
            Integer i = index.get(movie);
            if (i == null) continue;
            double[] y = f.itemVector(i);
            add(a, y, alpha);
            for (int d = 0; d < k; d++) b[d] += (1 + alpha) * y[d];
        }
        for (int d = 0; d < k; d++) a[d][d] += lambda;
        return new CholeskyDecomposition(new Array2DRowRealMatrix(a)).getSolver().solve(new ArrayRealVector(b)).toArray();
    }

    /** Adds c·y yᵀ, the same value to (r, s) and (s, r): Cholesky checks symmetry exactly. */
    private static void add(double[][] a, double[] y, double c) {
        for (int r = 0; r < y.length; r++) {
            for (int s = 0; s <= r; s++) {
                double v = c * y[r] * y[s];
                a[r][s] += v;
                if (s != r) a[s][r] += v;
            }
        }
    }

    static double dot(double[] a, double[] b) {
        double s = 0;
        for (int d = 0; d < a.length; d++) s += a[d] * b[d];
        return s;
    }
}
