package dev.flywheel.quality;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class BetaBinomialNullTest {
    private static BetaBinomialNull beta(double alpha, double beta) {
        return BetaBinomialNull.of(alpha / (alpha + beta), alpha * beta / ((alpha + beta) * (alpha + beta) * (alpha + beta + 1)));
    }

    /**
     * Each row: n, k, alpha, beta and P(X >= k), summed exactly (40 digits) by mpmath,
     * {@code mp.fsum(mp.binomial(n, x) * mp.beta(x + a, n - x + b) / mp.beta(a, b) for x in range(k, n + 1))};
     * scipy 1.17.1 agrees to 4e-11 by {@code betabinom.pmf(range(k, n + 1), n, a, b).sum()}, but not by
     * {@code betabinom.sf(k - 1, n, a, b)}, which is 1 - cdf and so has no digits below 1e-13 (2.2e-13
     * for the exact 2.3e-38 of n = k = 500, 1.8e-11 for the exact 3.7e-22 of the last row).
     */
    @Test
    void tailMatchesAnExactSum() {
        double[][] rows = {
            {10, 0, 2, 3, 1.0},
            {10, 10, 2, 3, 0.010989010989010989},
            {25, 24, 1, 1, 0.076923076923076923},
            {20, 3, 5, 5, 0.98356206512128551},
            {5, 4, 0.6, 3, 0.03786145204909507},
            {30, 29, 1.8, 0.2, 0.64384152459757115},
            {45, 29, 3.5, 23.5, 4.6079742253603461e-6},
            {500, 40, 3.5, 23.5, 0.76354506924682175},
            {500, 150, 3.5, 23.5, 0.015933418170801542},
            {500, 300, 3.5, 23.5, 2.6016972943674357e-7},
            {500, 500, 3.5, 23.5, 2.303633091164278e-38},
            {800, 2, 0.5, 60, 0.6136176137207911},
            {40, 30, 2000, 18000, 3.6712354948609613e-22},
        };
        for (double[] row : rows) {
            BetaBinomialNull b = beta(row[2], row[3]);
            assertEquals(row[2], b.alpha(), 1e-12 * row[2]);
            assertEquals(row[3], b.beta(), 1e-12 * row[3]);
            assertEquals(row[4], b.tail((long) row[0], (long) row[1]), 1e-11 * row[4], () -> java.util.Arrays.toString(row));
        }
        assertEquals(0, beta(2, 3).tail(10, 11));
    }

    /**
     * Four items, (clicks, dislikes) = (20, 1), (40, 8), (20, 8), (20, 3): W = 100 clicks, 20 dislikes,
     * mean 0.2; rates 0.05, 0.2, 0.4, 0.15, so S = 20·0.15² + 0 + 20·0.2² + 20·0.05² = 1.3; binomial
     * noise alone gives 0.2·0.8·(4 - 1) = 0.48; sum n² / W = 2800 / 100 = 28. None is clipped (the
     * largest square, 0.04, against 9 variances of 0.0194), so S is divided by E min(Z², 9) = 0.99500727803445347
     * (mpmath: {@code erf(3/sqrt(2)) - 6*npdf(3) + 18*(1 - ncdf(3))}): the variance is
     * (1.3 / 0.99500727803445347 - 0.48) / (100 - 28 - 3) = 0.011978595748012757; alpha + beta =
     * 0.16 / variance - 1 = 12.357158331897453, alpha = 0.2 of it = 2.4714316663794906, beta =
     * 9.8857266655179625.
     */
    @Test
    void momentsMatchAHandComputation() {
        long[] clicks = {20, 40, 20, 20};
        long[] dislikes = {1, 8, 8, 3};
        BetaBinomialNull b = BetaBinomialNull.moments(clicks, dislikes, new boolean[] {true, true, true, true});
        assertEquals(0.2, b.mean(), 1e-15);
        assertEquals(0.011978595748012757, b.variance(), 1e-15);
        assertEquals(2.4714316663794906, b.alpha(), 1e-12);
        assertEquals(9.8857266655179625, b.beta(), 1e-12);
        // exact sum as above
        assertEquals(0.17647872733355783, b.tail(10, 4), 1e-12);
        // the fit keeps all four (none beyond its tail) and so is the same
        assertEquals(b, BetaBinomialNull.fit(clicks, dislikes));
    }

    /**
     * Twenty items of 20 clicks disliked 0, 2, 4 and 6 times (five each) and one disliked after all 20:
     * W = 420, mean 80/420 = 4/21, mu(1-mu) = 68/441, sum n² / W = 20, so the denominator is
     * 420 - 20 - 20 = 380. The twenty give 20·5·(16 + 3.61 + 0.04 + 5.29)/441 = 2494/441; unclipped, the
     * last adds 20·(17/21)² and the variance is 0.0413. Clipped, it adds 20·9·(mu(1-mu)/20 + variance·19/20)
     * = 9·68/441 + 171 variance, so variance·380 = (2494/441 + 612/441 + 171 variance) / 0.99500727803445347
     * - 20·68/441: variance = (3106/0.99500727803445347 - 1360) / (441 (380 - 171/0.99500727803445347)) =
     * 0.019191345501048008, at which the last item's square, 0.655, is beyond its 9 variances, 0.233.
     */
    @Test
    void oneItemFarOutCountsForThreeOfItsStandardDeviations() {
        long[] clicks = new long[21];
        long[] dislikes = new long[21];
        java.util.Arrays.fill(clicks, 20);
        for (int i = 0; i < 20; i++) dislikes[i] = 2 * (i / 5);
        dislikes[20] = 20;
        boolean[] all = new boolean[21];
        java.util.Arrays.fill(all, true);
        BetaBinomialNull b = BetaBinomialNull.moments(clicks, dislikes, all);
        assertEquals(4.0 / 21, b.mean(), 1e-15);
        assertEquals(0.019191345501048008, b.variance(), 1e-13);
    }

    /**
     * (40, 30) is beyond the four items' beta (P(X >= 30) = 2.68e-4 exactly, as above; under the fit's
     * 1e-3): it is left out, and the fit is the four items' alone.
     */
    @Test
    void anItemFarAboveTheRestIsLeftOutOfTheFit() {
        BetaBinomialNull b = BetaBinomialNull.fit(new long[] {20, 40, 20, 20, 40}, new long[] {1, 8, 8, 3, 30});
        assertEquals(0.2, b.mean(), 1e-15);
        assertEquals(0.011978595748012757, b.variance(), 1e-15);
    }

    /** Items of one rate: the weighted squares are 0, below binomial noise, so the beta is as narrow as allowed. */
    @Test
    void itemsOfOneRateGiveABinomial() {
        BetaBinomialNull b = BetaBinomialNull.moments(new long[] {20, 40, 20}, new long[] {4, 8, 4}, new boolean[] {true, true, true});
        assertEquals(0.2, b.mean(), 1e-15);
        assertEquals(BetaBinomialNull.MAX_SIZE, b.alpha() + b.beta(), 1e-6);
    }
}
