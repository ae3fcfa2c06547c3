package dev.flywheel.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A 4-decision log, two contexts, two actions. Logging mu(.|0) = (0.5, 0.5), mu(.|1) = (0.25, 0.75);
 * target pi(.|0) = (0.8, 0.2), pi(.|1) = (0.5, 0.5). Weights: 1.6, 0.4, 2, 2/3.
 */
class OffPolicyEstimatorsTest {
    private static final List<LoggedDecision> LOG = List.of(
            new LoggedDecision(0, 0, 0.5, 1, 0.8),
            new LoggedDecision(0, 1, 0.5, 0, 0.2),
            new LoggedDecision(1, 0, 0.25, 1, 0.5),
            new LoggedDecision(1, 1, 0.75, 1, 0.5));
    private static final ActionDistribution TARGET = (x, a) -> x == 0 ? (a == 0 ? 0.8 : 0.2) : 0.5;
    private static final RewardModel MODEL = (x, a) -> x == 0 ? (a == 0 ? 0.6 : 0.2) : (a == 0 ? 0.5 : 0.9);

    @Test
    void ipsIsTheMeanOfWeightedRewards() {
        OffPolicyEstimate ips = OffPolicyEstimators.ips(LOG, 0.95);
        // (1.6 + 0 + 2 + 2/3) / 4
        assertEquals((1.6 + 2 + 2.0 / 3) / 4, ips.value(), 1e-12);
        // terms' sample variance = 2.45333/3, se = sqrt(var / 4)
        double mean = (1.6 + 2 + 2.0 / 3) / 4;
        double ss = Math.pow(1.6 - mean, 2) + mean * mean + Math.pow(2 - mean, 2) + Math.pow(2.0 / 3 - mean, 2);
        assertEquals(Math.sqrt(ss / 3 / 4), ips.standardError(), 1e-12);
        assertEquals(mean - 1.959963984540054 * ips.standardError(), ips.ci().low(), 1e-9);
    }

    @Test
    void snipsNormalisesByTheSumOfWeights() {
        // (1.6 + 2 + 2/3) / (1.6 + 0.4 + 2 + 2/3) = 4.2667 / 4.6667
        assertEquals((1.6 + 2 + 2.0 / 3) / (4 + 2.0 / 3), OffPolicyEstimators.snips(LOG, 0.95).value(), 1e-12);
    }

    @Test
    void directMethodAndDoublyRobustMatchHandComputation() {
        // DM_i: context 0: 0.8*0.6 + 0.2*0.2 = 0.52; context 1: 0.5*0.5 + 0.5*0.9 = 0.7
        assertEquals((0.52 * 2 + 0.7 * 2) / 4, OffPolicyEstimators.directValue(LOG, TARGET, MODEL, 2), 1e-12);
        // DR_i: 0.52 + 1.6*0.4 = 1.16; 0.52 + 0.4*(-0.2) = 0.44; 0.7 + 2*0.5 = 1.7; 0.7 + (2/3)*0.1
        double dr = (1.16 + 0.44 + 1.7 + 0.7 + 0.1 * 2 / 3) / 4;
        assertEquals(dr, OffPolicyEstimators.doublyRobust(LOG, TARGET, MODEL, 2, 0.95).value(), 1e-12);
    }

    @Test
    void clippedAndSwitchVariantsCapTheLargeWeights() {
        // weights 1.6 and 2 exceed 1.5: clipped IPS (1.5 + 0 + 1.5 + 2/3) / 4
        assertEquals((3 + 2.0 / 3) / 4, OffPolicyEstimators.clippedIps(LOG, 1.5, 0.95).value(), 1e-12);
        // switch-DR falls back to DM_i for those two: 0.52 + 0.44 + 0.7 + 0.7 + 0.1*2/3
        assertEquals((0.52 + 0.44 + 0.7 + 0.7 + 0.1 * 2 / 3) / 4,
                OffPolicyEstimators.switchDr(LOG, TARGET, MODEL, 2, 1.5, 0.95).value(), 1e-12);
    }

    @Test
    void diagnosticsReportEffectiveSampleSizeAndLargestWeight() {
        OffPolicyDiagnostics d = OffPolicyDiagnostics.of(LOG, 1.5);
        double sum = 1.6 + 0.4 + 2 + 2.0 / 3;
        double sumSq = 2.56 + 0.16 + 4 + 4.0 / 9;
        assertEquals(sum * sum / sumSq, d.effectiveSampleSize(), 1e-12);
        assertEquals(2.0, d.maxWeight(), 1e-12);
        assertEquals(0.5, d.clippedShare(), 1e-12);
    }

    @Test
    void directMethodBootstrapIsSeededAndBracketsTheEstimate() {
        RewardModelFitter fitter = new SmoothedRewardModel(0);
        OffPolicyEstimate a = OffPolicyEstimators.directMethod(LOG, TARGET, fitter, 2, 0.95, 50, 7);
        OffPolicyEstimate b = OffPolicyEstimators.directMethod(LOG, TARGET, fitter, 2, 0.95, 50, 7);
        assertEquals(a, b);
        // cell means with no smoothing: q(0,0)=1, q(0,1)=0, q(1,.)=1 -> DM = (0.8*2 + 1*2)/4
        assertEquals(0.9, a.value(), 1e-12);
        assertTrue(a.ci().contains(a.value()));
    }

    @Test
    void rejectsPropensityOutsideTheUnitInterval() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new LoggedDecision(0, 0, 0, 1, 0.5));
        assertTrue(e.getMessage().contains("propensity"));
    }
}
