package dev.flywheel.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * A user's factors are folded in from a prefix of their history that depends on its length alone,
 * so the learner and a server reading the published history fold in the same vector.
 */
class FoldPointTest {
    @Test
    void foldPointsGrowByATenthPlusOne() {
        // 1, 3, 5, ..., 19, 21 (steps of 2 while a tenth rounds to 0 or 1), then 21 + 2 + 1 = 24, 27, 30, 30 + 3 + 1 = 34, 38
        int[][] expected = {{0, 0}, {1, 1}, {2, 1}, {3, 3}, {4, 3}, {19, 19}, {20, 19}, {21, 21}, {23, 21}, {24, 24},
                {26, 24}, {27, 27}, {30, 30}, {33, 30}, {34, 34}, {37, 34}, {38, 38}};
        for (int[] e : expected) assertEquals(e[1], UserSignals.foldPoint(e[0]), "history of " + e[0]);
    }

    @Test
    void aVectorServesUntilTheHistoryGrewByMoreThanATenth() {
        int last = 0;
        for (int n = 1; n <= 5_000; n++) {
            int p = UserSignals.foldPoint(n);
            assertTrue(p <= n && p >= last, "history of " + n + ": " + p);
            assertTrue(n - p <= Math.max(1, p / 10), "history of " + n + " served by the fold at " + p);
            last = p;
        }
    }
}
