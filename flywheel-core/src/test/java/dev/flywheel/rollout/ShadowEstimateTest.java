package dev.flywheel.rollout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flywheel.rollout.RolloutData.ShadowMatch;
import java.util.List;
import org.junit.jupiter.api.Test;

class ShadowEstimateTest {
    @Test
    void theSelfNormalisedEstimateAndItsDeltaMethodErrorMatchAHandComputation() {
        // four champion decisions: (propensity, reward, same first item?)
        List<ShadowMatch> m = List.of(new ShadowMatch(0.5, 2, true), new ShadowMatch(0.25, 0, true),
                new ShadowMatch(0.5, 4, false), new ShadowMatch(1.0, 1, true));
        ShadowEstimate e = ShadowEstimate.of(m);
        // weights 2, 4, 0, 1: V = (2*2 + 4*0 + 1*1) / 7 = 5/7; champion = 7/4
        assertEquals(5.0 / 7, e.challenger(), 1e-12);
        assertEquals(7.0 / 4, e.champion(), 1e-12);
        assertEquals(5.0 / 7 - 7.0 / 4, e.diff(), 1e-12);
        // psi_i = w_i (r_i - V) / mean(w) - (r_i - champion), mean(w) = 7/4
        double v = 5.0 / 7;
        double[] psi = {2 * (2 - v) / 1.75 - (2 - 1.75), 4 * (0 - v) / 1.75 - (0 - 1.75), 0 - (4 - 1.75), 1 * (1 - v) / 1.75 - (1 - 1.75)};
        double ss = 0;
        for (double p : psi) ss += p * p;
        assertEquals(Math.sqrt(ss / (4.0 * 3)), e.standardError(), 1e-12);
        assertEquals(3, e.matched());
    }

    @Test
    void withoutAnyOverlapThereIsNoEstimate() {
        ShadowEstimate e = ShadowEstimate.of(List.of(new ShadowMatch(0.9, 3, false), new ShadowMatch(0.9, 0, false)));
        assertEquals(0, e.matched());
        assertTrue(Double.isNaN(e.diff()));
        assertEquals(1.5, e.champion(), 1e-12);
    }
}
