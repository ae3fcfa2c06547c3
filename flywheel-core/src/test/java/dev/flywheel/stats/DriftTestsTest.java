package dev.flywheel.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Every drift statistic against scipy 1.17.1 / numpy 2.4.6 on the same data (reference:
 * sin(0.7 i)·3 + i mod 5 for i < 40; current: cos(1.3 j)·2 + 0.5 + 0.3 (j mod 7) for j < 55), computed
 * with {@code stats.ks_2samp}, {@code stats.wasserstein_distance / np.std}, numpy's 30
 * {@code histogram_bin_edges} over both windows with empty shares as 0.0001 and
 * {@code spatial.distance.jensenshannon}, {@code stats.chisquare}, and the pooled z by hand with
 * {@code stats.norm.sf}.
 */
class DriftTestsTest {
    static final double[] REFERENCE = new double[40];
    static final double[] CURRENT = new double[55];

    static {
        for (int i = 0; i < REFERENCE.length; i++) REFERENCE[i] = Math.sin(i * 0.7) * 3 + i % 5;
        for (int j = 0; j < CURRENT.length; j++) CURRENT[j] = Math.cos(j * 1.3) * 2 + 0.5 + (j % 7) * 0.3;
    }

    @Test
    void numbersMatchScipy() {
        DriftTests.Result ks = DriftTests.kolmogorovSmirnov(REFERENCE, CURRENT, 0.05);
        assertEquals(0.28863636363636364, ks.statistic(), 1e-12);
        assertEquals(0.03326896180755355, ks.pValue(), 1e-9);
        assertTrue(ks.drifted());
        assertEquals(0.44833062677092733, DriftTests.wasserstein(REFERENCE, CURRENT, 0.1).statistic(), 1e-9);
        assertEquals(0.5335320552501579, DriftTests.jensenShannon(REFERENCE, CURRENT, 30, 0.1).statistic(), 1e-9);
        assertEquals(4.811173782521159, DriftTests.psi(REFERENCE, CURRENT, 30, 0.1).statistic(), 1e-9);
    }

    @Test
    void categoriesMatchScipy() {
        DriftTests.Result chi = DriftTests.chiSquare(Map.of("a", 30L, "b", 50L, "c", 20L), Map.of("a", 40L, "b", 35L, "c", 25L), 0.05);
        assertEquals(9.083333333333334, chi.statistic(), 1e-12);
        assertEquals(0.010655632358543929, chi.pValue(), 1e-12);
        Map<String, Long> ref = Map.of("a", 30L, "b", 50L, "c", 20L);
        Map<String, Long> cur = Map.of("a", 40L, "b", 35L, "c", 20L, "d", 5L);
        assertEquals(0.16503618139484666, DriftTests.jensenShannon(ref, cur, 0.1).statistic(), 1e-12);
        assertEquals(0.3923783929472553, DriftTests.psi(ref, cur, 0.1).statistic(), 1e-12);
        DriftTests.Result unseen = DriftTests.chiSquare(ref, cur, 0.05);
        assertTrue(unseen.drifted() && unseen.pValue() == 0, "a category the reference never saw is drift");
    }

    @Test
    void ratesMatchAHandComputation() {
        DriftTests.Result r = DriftTests.twoProportions(120, 1000, 150, 1000, 0.05);
        assertEquals(1.963049807622355, r.statistic(), 1e-12);
        assertEquals(0.04964038686536878, r.pValue(), 1e-12);
        assertTrue(r.drifted());
        assertFalse(DriftTests.twoProportions(120, 1000, 125, 1000, 0.05).drifted());
    }

    /** Same distribution: the tests stay quiet at about their alpha, the distances under 0.1 on large windows; a shift of half a standard deviation is seen. */
    @Test
    void twoSamplesOfOneDistributionRarelyDrift() {
        SplittableRandom random = new SplittableRandom(7);
        int ksAlarms = 0;
        for (int t = 0; t < 400; t++) {
            double[] a = new double[300];
            double[] b = new double[300];
            for (int i = 0; i < a.length; i++) {
                a[i] = random.nextGaussian();
                b[i] = random.nextGaussian();
            }
            if (DriftTests.kolmogorovSmirnov(a, b, 0.05).drifted()) ksAlarms++;
        }
        assertTrue(ksAlarms <= 0.08 * 400, "KS false alarms " + ksAlarms);
        // the distances are for large windows (Evidently uses them above 1,000 reference rows): at 300
        // rows a normalised Wasserstein of two samples of one normal is 0.10 on average, at 5,000 0.025
        for (int t = 0; t < 40; t++) {
            double[] a = new double[5_000];
            double[] b = new double[5_000];
            for (int i = 0; i < a.length; i++) {
                a[i] = random.nextGaussian();
                b[i] = random.nextGaussian() + (t % 2 == 0 ? 0 : 0.5);
            }
            assertEquals(t % 2 == 1, DriftTests.wasserstein(a, b, 0.1).drifted(), "trial " + t);
            assertEquals(t % 2 == 1, DriftTests.psi(a, b, 30, 0.1).drifted(), "trial " + t);
        }
    }

    @Test
    void badWindowsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> DriftTests.kolmogorovSmirnov(new double[] {1}, CURRENT, 0.05));
        assertThrows(IllegalArgumentException.class, () -> DriftTests.chiSquare(Map.of(), Map.of("a", 1L), 0.05));
        assertThrows(IllegalArgumentException.class, () -> DriftTests.twoProportions(5, 3, 1, 2, 0.05));
    }
}
