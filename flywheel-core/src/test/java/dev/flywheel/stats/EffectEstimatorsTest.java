package dev.flywheel.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * Four units with given propensities: treated (Y=5, e=0.5, x=1), (Y=3, e=0.25, x=0); control (Y=2,
 * e=0.5, x=1), (Y=1, e=0.25, x=0). The outcome models fit exactly: m1 = 3 + 2x, m0 = 1 + x.
 */
class EffectEstimatorsTest {
    private static final ObservationalData DATA = new ObservationalData(new double[][] {{1}, {0}, {1}, {0}},
            new boolean[] {true, true, false, false}, new double[] {5, 3, 2, 1});
    private static final double[] E = {0.5, 0.25, 0.5, 0.25};

    @Test
    void naiveAndIpwMatchHandComputation() {
        assertEquals(4 - 1.5, EffectEstimators.naive(DATA), 1e-12);
        // ATE: treated weights 2, 4 -> 22/6; control weights 2, 4/3 -> (4 + 4/3) / (10/3) = 1.6
        assertEquals(22.0 / 6 - 1.6, EffectEstimators.ipw(DATA, E, Estimand.ATE), 1e-12);
        // ATT: control weights e/(1-e) = 1, 1/3 -> (2 + 1/3) / (4/3) = 1.75
        assertEquals(4 - 1.75, EffectEstimators.ipw(DATA, E, Estimand.ATT), 1e-12);
    }

    @Test
    void aipwWithExactOutcomeModelsIsTheModelDifference() {
        // residuals are all zero: ATE = mean(m1 - m0) = mean(2 + x) = 2.5; ATT = mean over treated of Y - m0
        assertEquals(2.5, EffectEstimators.aipw(DATA, E, Estimand.ATE), 1e-9);
        assertEquals(2.5, EffectEstimators.aipw(DATA, E, Estimand.ATT), 1e-9);
    }

    @Test
    void nearestNeighbourMatchingOnThePropensity() {
        // ATT: 5-2 and 3-1; ATE adds controls matched to treated: 5-2 and 3-1 again
        assertEquals(2.5, EffectEstimators.matching(DATA, E, Estimand.ATT), 1e-12);
        assertEquals(2.5, EffectEstimators.matching(DATA, E, Estimand.ATE), 1e-12);
        double[] shifted = {0.5, 0.25, 0.3, 0.6};
        // treated 0.5 -> control 0.6 (Y=1), treated 0.25 -> control 0.3 (Y=2): (4 + 1) / 2
        assertEquals(2.5, EffectEstimators.matching(DATA, shifted, Estimand.ATT), 1e-12);
        // treated 0.5 -> control 0.6 (Y=1): 5-1=4; treated 0.25 -> control 0.3 (Y=2): 3-2=1; so
        // ATE adds control 0.3 -> treated 0.25 (Y=3): 1, control 0.6 -> treated 0.5 (Y=5): 4 -> 10/4
        assertEquals(2.5, EffectEstimators.matching(DATA, shifted, Estimand.ATE), 1e-12);
    }

    @Test
    void standardizedMeanDifferenceUsesThePooledStandardDeviation() {
        ObservationalData d = new ObservationalData(new double[][] {{1}, {3}, {0}, {2}},
                new boolean[] {true, true, false, false}, new double[] {0, 0, 0, 0});
        // means 2 and 1, variances 2 and 2 -> SMD = 1 / sqrt(2)
        assertEquals(1 / Math.sqrt(2), OverlapDiagnostics.standardizedMeanDifference(d, 0, new double[] {1, 1, 1, 1}),
                1e-12);
    }

    @Test
    void needsBothGroups() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new ObservationalData(
                new double[][] {{1}, {2}, {3}}, new boolean[] {true, true, true}, new double[] {1, 2, 3}));
        assertTrue(e.getMessage().contains("control"), e.getMessage());
    }
}
