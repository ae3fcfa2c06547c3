package dev.flywheel.model.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.flywheel.model.internal.ItemSimilarity.Contribution;
import dev.flywheel.model.internal.ItemSimilarity.Measure;
import dev.flywheel.model.internal.ItemSimilarity.Params;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ItemSimilarityTest {
    /**
     * 4 users x 5 items:
     * <pre>
     *   u0: 0 1 2      occurrence C_00 = 3 (u0 u1 u3), C_11 = 3 (u0 u1 u2), C_22 = 2 (u0 u2),
     *   u1: 0 1                   C_33 = 2 (u2 u3), C_44 = 0
     *   u2: 1 2 3      co-occurrence C_01 = 2 (u0 u1), C_02 = 1 (u0), C_03 = 1 (u3),
     *   u3: 0 3 (4: −1, ignored)  C_12 = 2 (u0 u2), C_13 = 1 (u2), C_23 = 1 (u2)
     * </pre>
     */
    static SparseMatrix example() {
        return SparseMatrix.builder(4, 5)
                .add(0, 0, 1).add(0, 1, 2).add(0, 2, 1)
                .add(1, 0, 1).add(1, 1, 1)
                .add(2, 1, 1).add(2, 2, 3).add(2, 3, 1)
                .add(3, 0, 1).add(3, 3, 1).add(3, 4, -1)
                .build();
    }

    @Test
    void cooccurrenceByHand() {
        ItemSimilarity s = ItemSimilarity.train(example(), new Params(Measure.COOCCURRENCE, 10, 1));
        assertEquals(5, s.items());
        assertArrayEquals(new int[] {1, 2, 3}, s.neighbours(0));   // C_01 = 2, then C_02 = C_03 = 1 by index
        assertArrayEquals(new float[] {2, 1, 1}, s.similarities(0));
        assertArrayEquals(new int[] {0, 2, 3}, s.neighbours(1));   // C_10 = C_12 = 2, C_13 = 1
        assertArrayEquals(new float[] {2, 2, 1}, s.similarities(1));
        assertArrayEquals(new int[] {1, 0, 3}, s.neighbours(2));   // C_21 = 2, C_20 = C_23 = 1
        assertArrayEquals(new int[] {0, 1, 2}, s.neighbours(3));   // all 1
        assertArrayEquals(new int[0], s.neighbours(4));            // only a non-positive value: no users
        assertEquals(2.0, s.similarity(2, 1));
        assertEquals(0.0, s.similarity(0, 0), "the diagonal is not kept");
        assertEquals(0.0, s.similarity(0, 4));
    }

    @Test
    void jaccardByHand() {
        ItemSimilarity s = ItemSimilarity.train(example(), new Params(Measure.JACCARD, 10, 1));
        // J_ij = C_ij / (C_ii + C_jj − C_ij)
        assertEquals(2.0 / (3 + 3 - 2), s.similarity(0, 1), 1e-7);  // 0.5
        assertEquals(1.0 / (3 + 2 - 1), s.similarity(0, 2), 1e-7);  // 0.25
        assertEquals(1.0 / (3 + 2 - 1), s.similarity(0, 3), 1e-7);  // 0.25
        assertEquals(2.0 / (3 + 2 - 2), s.similarity(1, 2), 1e-7);  // 2/3
        assertEquals(1.0 / (3 + 2 - 1), s.similarity(1, 3), 1e-7);  // 0.25
        assertEquals(1.0 / (2 + 2 - 1), s.similarity(2, 3), 1e-7);  // 1/3
        assertArrayEquals(new int[] {2, 0, 3}, s.neighbours(1));    // 2/3, 1/2, 1/4
        assertArrayEquals(new int[] {1, 3, 0}, s.neighbours(2));    // 2/3, 1/3, 1/4
        assertArrayEquals(new int[] {2, 0, 1}, s.neighbours(3));    // 1/3, then 1/4 twice by index
        assertArrayEquals(new float[] {1f / 3, 0.25f, 0.25f}, s.similarities(3), 1e-7f);
    }

    @Test
    void liftByHand() {
        ItemSimilarity s = ItemSimilarity.train(example(), new Params(Measure.LIFT, 10, 1));
        // L_ij = C_ij / (C_ii · C_jj)
        assertEquals(2.0 / (3 * 3), s.similarity(1, 0), 1e-7);      // 2/9
        assertEquals(1.0 / (3 * 2), s.similarity(2, 0), 1e-7);      // 1/6
        assertEquals(2.0 / (3 * 2), s.similarity(2, 1), 1e-7);      // 1/3
        assertEquals(1.0 / (2 * 2), s.similarity(3, 2), 1e-7);      // 1/4
        assertArrayEquals(new int[] {1, 2, 3}, s.neighbours(0));    // 2/9, 1/6, 1/6
        assertArrayEquals(new int[] {2, 0, 3}, s.neighbours(1));    // 1/3, 2/9, 1/6
        assertArrayEquals(new int[] {1, 3, 0}, s.neighbours(2));    // 1/3, 1/4, 1/6
    }

    @Test
    void truncationKeepsTheBestWithTiesByIndexAndIsPerItem() {
        ItemSimilarity one = ItemSimilarity.train(example(), new Params(Measure.COOCCURRENCE, 1, 1));
        assertArrayEquals(new int[] {0}, one.neighbours(1));        // C_10 = C_12 = 2: the lower index
        assertArrayEquals(new int[] {0}, one.neighbours(3));        // three ties at 1
        assertArrayEquals(new int[] {1}, one.neighbours(0));
        assertEquals(1.0, one.similarity(3, 0));
        assertEquals(0.0, one.similarity(0, 3), "3 is not among 0's one neighbour, though S is symmetric");
        ItemSimilarity two = ItemSimilarity.train(example(), new Params(Measure.COOCCURRENCE, 2, 1));
        assertArrayEquals(new int[] {0, 1}, two.neighbours(3));
        assertArrayEquals(new int[] {1, 0}, two.neighbours(2));
    }

    @Test
    void minCooccurrenceDropsRarePairs() {
        ItemSimilarity s = ItemSimilarity.train(example(), new Params(Measure.JACCARD, 10, 2));
        // only C_01 = 2 and C_12 = 2 reach 2
        assertArrayEquals(new int[] {1}, s.neighbours(0));
        assertArrayEquals(new int[] {2, 0}, s.neighbours(1));
        assertArrayEquals(new int[] {1}, s.neighbours(2));
        assertArrayEquals(new int[0], s.neighbours(3));
        assertEquals(0.0, s.similarity(2, 3));
    }

    @Test
    void scoreAndContributionsByHand() {
        ItemSimilarity s = ItemSimilarity.train(example(), new Params(Measure.COOCCURRENCE, 10, 1));
        int[] items = {0, 2, 4};
        double[] weights = {1.0, 0.5, 3.0};
        // target 1: C_10 · 1 + C_12 · 0.5 + C_14 · 3 = 2 + 1 + 0
        assertEquals(3.0, s.score(items, weights, 1), 1e-12);
        assertEquals(List.of(new Contribution(0, 2.0), new Contribution(2, 1.0)), s.topContributions(items, weights, 1, 5));
        assertEquals(List.of(new Contribution(0, 2.0)), s.topContributions(items, weights, 1, 1));
        // target 3: C_30 · 1 + C_32 · 0.5 = 1 + 0.5; target 0 itself adds nothing to its own score
        assertEquals(1.5, s.score(items, weights, 3), 1e-12);
        assertEquals(0.5, s.score(items, weights, 0), 1e-12);      // C_02 · 0.5
        assertEquals(0.0, s.score(new int[0], new double[0], 2));
        ItemSimilarity one = ItemSimilarity.train(example(), new Params(Measure.COOCCURRENCE, 1, 1));
        // target 1 keeps only item 0: item 2's contribution is gone from the target's side
        assertEquals(List.of(new Contribution(0, 2.0)), one.topContributions(items, weights, 1, 5));
        assertEquals(2.0, one.score(items, weights, 1), 1e-12);
    }

    @Test
    void agreesWithABruteForceReferenceOnRandomData() {
        SplittableRandom random = new SplittableRandom(17);
        int users = 60;
        int items = 150; // three parallel chunks of items
        boolean[][] o = new boolean[users][items];
        SparseMatrix.Builder b = SparseMatrix.builder(users, items);
        for (int u = 0; u < users; u++) {
            int n = u % 7 == 0 ? 0 : random.nextInt(1, 25); // some users have nothing
            for (int t = 0; t < n; t++) {
                int i = random.nextInt(items / 2) * 2;       // odd items never occur
                float v = random.nextInt(10) == 0 ? -1 : 1;
                b.add(u, i, v);
            }
        }
        SparseMatrix m = b.build();
        for (int u = 0; u < users; u++) {
            for (int i = 0; i < items; i++) o[u][i] = m.get(u, i) > 0;
        }
        for (Measure measure : Measure.values()) {
            for (int[] km : new int[][] {{5, 1}, {40, 2}}) {
                Params p = new Params(measure, km[0], km[1]);
                ItemSimilarity s = ItemSimilarity.train(m, p);
                float[][] truncated = bruteForce(o, p);
                for (int i = 0; i < items; i++) {
                    assertNeighbours(truncated[i], s, i, measure + " " + km[0] + " " + km[1]);
                }
                for (int trial = 0; trial < 50; trial++) {
                    int n = random.nextInt(0, 12);
                    int[] userItems = new int[n];
                    double[] weights = new double[n];
                    for (int k = 0; k < n; k++) {
                        userItems[k] = random.nextInt(items);
                        weights[k] = random.nextDouble(-1, 2);
                    }
                    int target = random.nextInt(items);
                    double expected = 0;
                    for (int k = 0; k < n; k++) expected += weights[k] * truncated[target][userItems[k]];
                    assertEquals(expected, s.score(userItems, weights, target), 1e-9);
                }
            }
        }
    }

    /** The full S from a triple loop over users and item pairs, then each row cut to its best K. */
    static float[][] bruteForce(boolean[][] o, Params p) {
        int items = o[0].length;
        int[][] c = new int[items][items];
        for (boolean[] user : o) {
            for (int i = 0; i < items; i++) {
                for (int j = 0; j < items; j++) {
                    if (user[i] && user[j]) c[i][j]++;
                }
            }
        }
        float[][] s = new float[items][items];
        for (int i = 0; i < items; i++) {
            List<float[]> candidates = new ArrayList<>();
            for (int j = 0; j < items; j++) {
                if (j == i || c[i][j] < p.minCooccurrence()) continue;
                double v = switch (p.measure()) {
                    case COOCCURRENCE -> c[i][j];
                    case JACCARD -> c[i][j] / (double) (c[i][i] + c[j][j] - c[i][j]);
                    case LIFT -> c[i][j] / ((double) c[i][i] * c[j][j]);
                    case COSINE -> c[i][j] / Math.sqrt((double) c[i][i] * c[j][j]);
                };
                candidates.add(new float[] {j, (float) v});
            }
            candidates.sort(Comparator.<float[]>comparingDouble(e -> -e[1]).thenComparingDouble(e -> e[0]));
            for (float[] e : candidates.subList(0, Math.min(p.neighbours(), candidates.size()))) s[i][(int) e[0]] = e[1];
        }
        return s;
    }

    static void assertNeighbours(float[] expectedRow, ItemSimilarity s, int i, String what) {
        int[] neighbours = s.neighbours(i);
        float[] sims = s.similarities(i);
        int kept = 0;
        for (float v : expectedRow) if (v != 0) kept++;
        assertEquals(kept, neighbours.length, what + " item " + i);
        for (int k = 0; k < neighbours.length; k++) {
            assertEquals(expectedRow[neighbours[k]], sims[k], 0f, what + " item " + i + " neighbour " + neighbours[k]);
            if (k > 0) {
                boolean ordered = sims[k] < sims[k - 1] || (sims[k] == sims[k - 1] && neighbours[k] > neighbours[k - 1]);
                assertEquals(true, ordered, what + " item " + i + " best first, ties by index");
            }
        }
    }

    @Test
    void emptyInputs() {
        ItemSimilarity none = ItemSimilarity.train(SparseMatrix.builder(0, 3).build(), new Params(Measure.JACCARD, 4, 1));
        assertEquals(3, none.items());
        assertArrayEquals(new int[0], none.neighbours(2));
        assertEquals(0.0, none.score(new int[] {0, 1}, new double[] {1, 1}, 2));
        ItemSimilarity noItems = ItemSimilarity.train(SparseMatrix.builder(2, 0).build(), new Params(Measure.LIFT, 4, 1));
        assertEquals(0, noItems.items());
    }

    @Test
    void refusesBadArguments() {
        assertEquals("neighbours must be >= 1, got 0", assertThrows(IllegalArgumentException.class,
                () -> new Params(Measure.LIFT, 0, 1)).getMessage());
        assertEquals("minCooccurrence must be >= 1, got 0", assertThrows(IllegalArgumentException.class,
                () -> new Params(Measure.LIFT, 3, 0)).getMessage());
        assertThrows(IllegalArgumentException.class, () -> new Params(null, 3, 1));
        ItemSimilarity s = ItemSimilarity.train(example(), new Params(Measure.COOCCURRENCE, 3, 1));
        assertEquals("target 5 is outside [0, 5)", assertThrows(IllegalArgumentException.class,
                () -> s.score(new int[] {0}, new double[] {1}, 5)).getMessage());
        assertEquals("userItems[1] -1 is outside [0, 5)", assertThrows(IllegalArgumentException.class,
                () -> s.score(new int[] {0, -1}, new double[] {1, 1}, 2)).getMessage());
        assertThrows(IllegalArgumentException.class, () -> s.score(new int[] {0}, new double[] {1, 2}, 2));
        assertThrows(IllegalArgumentException.class, () -> s.score(new int[] {0}, new double[] {Double.NaN}, 2));
        assertThrows(IllegalArgumentException.class, () -> s.topContributions(new int[] {0}, new double[] {1}, 2, -1));
        assertThrows(IllegalArgumentException.class, () -> s.neighbours(5));
    }
}
