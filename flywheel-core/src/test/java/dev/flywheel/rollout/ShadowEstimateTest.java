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

    /**
     * Regression: a good retrained version was rolled back in shadow because its few matched
     * decisions had all earned nothing, so the challenger's part had no variance and the interval
     * was falsely narrow. Now few effective matches are not judged, and enough all-zero matches are
     * judged with at least the champion's reward error over the effective matches.
     */
    @Test
    void matchesThatHappenedToEarnNothingDoNotMakeAChallengerClearlyWorse() {
        java.util.ArrayList<ShadowMatch> few = new java.util.ArrayList<>();
        for (int i = 0; i < 300; i++) few.add(new ShadowMatch(0.9, i % 20 == 0 ? 20 : 0, i < 5));
        ShadowEstimate e = ShadowEstimate.of(few);
        assertEquals(5, e.matched());
        assertEquals(5, e.effective(), 1e-9, "equal weights: Kish's effective size is the count");
        assertTrue(!e.judgeable(), "5 effective matches are too few to judge");

        java.util.ArrayList<ShadowMatch> forty = new java.util.ArrayList<>();
        for (int i = 0; i < 300; i++) forty.add(new ShadowMatch(1.0, i % 20 == 10 ? 20 : 0, i < 40 && i % 20 != 10));
        e = ShadowEstimate.of(forty);
        assertEquals(38, e.matched());
        assertTrue(e.judgeable());
        // champion: 15 of 300 earned 20, mean 1, variance (15·19² + 285·1²) / 299
        double var = (15 * 19.0 * 19 + 285) / 299;
        assertEquals(Math.sqrt(var / 38), e.floor(), 1e-12);
        assertEquals(-1.0 + 1.959963984540054 * Math.sqrt(var / 38), e.high(), 1e-9);
        assertTrue(e.high() > -0.25, "not clearly worse than the champion by a 25 % margin");
    }
}
