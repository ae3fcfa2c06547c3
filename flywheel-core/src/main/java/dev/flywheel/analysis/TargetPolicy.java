package dev.flywheel.analysis;

import java.util.Arrays;

/**
 * A target policy evaluated on the engine's own decision log, one slate at a time. The named ones see
 * only what the log holds (served items, positions, scores), so they re-rank the logged slate; a
 * learner re-scores the decision's candidates ({@link LearnerTargetPolicy}).
 */
public interface TargetPolicy {
    /**
     * {@code p[i][j]}: the probability that the policy shows the item of row {@code i} at the position
     * of row {@code j}. The diagonal is what importance weighting uses; the whole matrix, averaged over
     * the log, is the policy's per-position marginal that the direct method and DR need.
     */
    double[][] placement(LoggedSlate slate);

    /** The target probability of row {@code i} as logged; the diagonal of {@link #placement} by default. */
    default double rowProbability(LoggedSlate slate, double[][] placement, int row) {
        return placement[row][row];
    }

    /** Whether this is the logging policy itself, whose on-policy reward the log shows directly. */
    default boolean isLogging() {
        return false;
    }

    /**
     * Uniformly random order: each item at each position with probability 1/n, where n is the number of
     * candidates when the decision logged them, else the number of served items.
     */
    static TargetPolicy uniform() {
        return slate -> {
            int k = slate.size();
            double p = 1.0 / Math.max(k, slate.candidates());
            double[][] m = new double[k][k];
            for (double[] row : m) {
                Arrays.fill(row, p);
            }
            return m;
        };
    }

    /**
     * Deterministic: the served items sorted by logged score (highest first; missing scores last, ties
     * by item) fill the slate's positions in increasing order.
     */
    static TargetPolicy greedyByScore() {
        return slate -> {
            int k = slate.size();
            int[] byScore = sorted(k, (a, b) -> {
                int c = Double.compare(rankScore(slate, b), rankScore(slate, a));
                return c != 0 ? c : slate.items().get(a).compareTo(slate.items().get(b));
            });
            int[] byPosition = sorted(k, (a, b) -> Integer.compare(slate.positions()[a], slate.positions()[b]));
            double[][] m = new double[k][k];
            for (int r = 0; r < k; r++) {
                m[byScore[r]][byPosition[r]] = 1;
            }
            return m;
        };
    }

    private static double rankScore(LoggedSlate slate, int row) {
        double s = slate.scores()[row];
        return Double.isNaN(s) ? Double.NEGATIVE_INFINITY : s;
    }

    /** Rows 0..k-1 by a stable insertion sort: slates are short, and a boxed stream per slate was slow. */
    private static int[] sorted(int k, java.util.function.IntBinaryOperator compare) {
        int[] rows = new int[k];
        for (int i = 0; i < k; i++) {
            int r = i;
            int j = i - 1;
            while (j >= 0 && compare.applyAsInt(rows[j], r) > 0) {
                rows[j + 1] = rows[j];
                j--;
            }
            rows[j + 1] = r;
        }
        return rows;
    }

    /**
     * The logging policy: its probability of each logged row is the logged propensity (weights are 1),
     * and its marginal is estimated by what it actually showed (the identity placement).
     */
    static TargetPolicy logged() {
        return new TargetPolicy() {
            @Override
            public double[][] placement(LoggedSlate slate) {
                double[][] m = new double[slate.size()][slate.size()];
                for (int i = 0; i < m.length; i++) {
                    m[i][i] = 1;
                }
                return m;
            }

            @Override
            public double rowProbability(LoggedSlate slate, double[][] placement, int row) {
                return slate.propensities()[row];
            }

            @Override
            public boolean isLogging() {
                return true;
            }
        };
    }

    /** The policy named on the command line: uniform, greedy-by-score or logged. */
    static TargetPolicy named(String name) {
        return switch (name) {
            case "uniform" -> uniform();
            case "greedy-by-score" -> greedyByScore();
            case "logged" -> logged();
            default -> throw new IllegalArgumentException("--target must be uniform, greedy-by-score or logged, got '"
                    + name + "'");
        };
    }
}
