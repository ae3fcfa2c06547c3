package dev.flywheel.stats;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Hand-computed values (reference numbers from scipy 1.17 where noted) for each experiment estimator. */
class ExperimentStatisticsTest {

    @Test
    void welchDegreesOfFreedomAndIntervalMatchHandComputation() {
        MeanEstimate a = MeanEstimate.ofSample(new double[] {1, 2, 3, 4, 5});
        MeanEstimate b = MeanEstimate.ofSample(new double[] {2, 4, 6, 8, 10, 12});
        // va = 2.5/5 = 0.5, vb = 14/6; df = (0.5 + 7/3)^2 / (0.5^2/4 + (7/3)^2/5)
        double expectedDf = Math.pow(0.5 + 7.0 / 3, 2) / (0.25 / 4 + 49.0 / 9 / 5);
        MeanDifference d = WelchTest.compare(b, a, 0.95);
        assertEquals(expectedDf, d.df(), 1e-12);
        assertEquals(6.9722557297949335, d.df(), 1e-12);
        assertEquals(4.0, d.diff(), 1e-12);
        // scipy: t.ppf(0.975, df) * se; ttest_ind(equal_var=False)
        assertEquals(0.01653130437116923, d.ci().low(), 1e-9);
        assertEquals(7.983468695628831, d.ci().high(), 1e-9);
        assertEquals(0.04928433820673053, d.pValue(), 1e-9);
        assertEquals(7.0 / 3 - 1, d.relLift(), 1e-12);
    }

    @Test
    void sumsGiveTheSameEstimateAsTheSample() {
        MeanEstimate fromSample = MeanEstimate.ofSample(new double[] {2, 4, 6, 8, 10, 12});
        MeanEstimate fromSums = MeanEstimate.ofSums(6, 42, 364);
        assertEquals(fromSample.mean(), fromSums.mean(), 1e-12);
        assertEquals(fromSample.standardError(), fromSums.standardError(), 1e-12);
    }

    @Test
    void deltaMethodVarianceOfARatioMatchesHandComputation() {
        // Y = {1,0,2,3}, X = {2,1,4,5}: R = 1.5/3 = 0.5, VarY = 5/3, VarX = 10/3, Cov = 7/3
        // Var(R) = (5/3 - 2*0.5*7/3 + 0.25*10/3) / (4 * 9) = (1/6) / 36
        MeanEstimate r = DeltaMethod.ratio(new double[] {1, 0, 2, 3}, new double[] {2, 1, 4, 5});
        assertEquals(0.5, r.mean(), 1e-12);
        assertEquals(1.0 / 6 / 36, r.variance(), 1e-12);
    }

    @Test
    void relativeLiftStandardErrorIsTheDeltaMethodOne() {
        MeanEstimate t = new MeanEstimate(100, 2.0, 0.1, 99);
        MeanEstimate c = new MeanEstimate(100, 1.0, 0.05, 99);
        // sqrt(0.01 / 1 + 4 * 0.0025 / 1) = sqrt(0.02)
        assertEquals(Math.sqrt(0.02), DeltaMethod.relativeLiftStandardError(t, c), 1e-12);
        assertEquals(1.0, DeltaMethod.relativeLift(t, c), 1e-12);
    }

    @Test
    void cupedThetaIsPooledCovarianceOverVariance() {
        double[][] y = {{1, 3, 2}, {4, 6}};
        double[][] x = {{1, 2, 2}, {3, 5}};
        // pooled X = {1,2,2,3,5} mean 2.6, Y mean 3.2: Cov = 11.4/4, Var = 9.2/4
        Cuped cuped = Cuped.fit(y, x);
        assertEquals(11.4 / 9.2, cuped.theta(), 1e-12);
        assertEquals(2.6, cuped.covariateMean(), 1e-12);
        double[] adjusted = cuped.adjust(new double[] {4}, new double[] {3});
        assertEquals(4 - 11.4 / 9.2 * 0.4, adjusted[0], 1e-12);
    }

    @Test
    void sampleRatioChiSquareMatchesHandComputation() {
        // expected 100/3 each: (50-33.3)^2 + (30-33.3)^2 + (20-33.3)^2 over 33.3 = 14; p = exp(-7) for df 2
        SampleRatioCheck srm = SampleRatioCheck.equalSplit(new long[] {50, 30, 20});
        assertEquals(14.0, srm.chiSquare(), 1e-9);
        assertEquals(2, srm.df());
        assertEquals(Math.exp(-7), srm.pValue(), 1e-12);
        assertTrue(srm.mismatch());
        SampleRatioCheck ok = SampleRatioCheck.test(new long[] {1000, 2100}, new double[] {1, 2});
        assertEquals(1.612903225806452, ok.chiSquare(), 1e-9);
        assertEquals(0.20408417776556959, ok.pValue(), 1e-9);
        assertFalse(ok.mismatch());
    }

    @Test
    void holmAndBenjaminiHochbergMatchHandComputation() {
        double[] p = {0.01, 0.04, 0.03, 0.005};
        // Holm: sorted 0.005*4=0.02, 0.01*3=0.03, 0.03*2=0.06, max(0.04*1, 0.06)=0.06
        assertArrayEquals(new double[] {0.03, 0.06, 0.06, 0.02}, MultipleTesting.holm(p), 1e-12);
        // BH: 0.04*4/4=0.04, min(0.03*4/3, 0.04)=0.04, 0.01*4/2=0.02, min(0.005*4, 0.02)=0.02
        assertArrayEquals(new double[] {0.02, 0.04, 0.04, 0.02}, MultipleTesting.benjaminiHochberg(p), 1e-12);
        assertArrayEquals(new double[] {1, 1}, MultipleTesting.holm(new double[] {0.6, 0.7}), 1e-12);
    }

    @Test
    void wilsonIntervalMatchesReference() {
        Proportion p = Proportion.wilson(8, 20, 0.95);
        assertEquals(0.4, p.rate(), 1e-12);
        assertEquals(0.21880653237281708, p.interval().low(), 1e-9);
        assertEquals(0.6134184992377468, p.interval().high(), 1e-9);
        Proportion zero = Proportion.wilson(0, 10, 0.95);
        assertEquals(0.0, zero.interval().low(), 0);
        assertTrue(zero.interval().high() > 0.2 && zero.interval().high() < 0.35);
    }

    @Test
    void confidenceSequenceIsWiderThanTheFixedIntervalAndShrinks() {
        double rho = ConfidenceSequence.rhoFor(10_000, 0.05);
        double atPlan = ConfidenceSequence.multiplier(10_000, rho, 0.05);
        // at the planned n: n rho^2 = 2 ln 20 + ln(1 + 2 ln 20) = 7.937; sqrt(2 * 8.937/7.937 * ln(sqrt(8.937)*20))
        double nr2 = -2 * Math.log(0.05) + Math.log(1 - 2 * Math.log(0.05));
        assertEquals(Math.sqrt(2 * (nr2 + 1) / nr2 * Math.log(Math.sqrt(nr2 + 1) / 0.05)), atPlan, 1e-9);
        assertTrue(atPlan > 1.96 && atPlan < 3.2, "multiplier " + atPlan);
        assertTrue(ConfidenceSequence.multiplier(100, rho, 0.05) > atPlan);
    }

    @Test
    void invalidArgumentsAreNamed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SampleRatioCheck.test(new long[] {1, 2}, new double[] {1}));
        assertTrue(e.getMessage().contains("expectedShares"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Proportion.wilson(3, 2, 0.95));
        assertTrue(e.getMessage().contains("successes"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> WelchTest.compare(
                MeanEstimate.ofSums(3, 3, 5), MeanEstimate.ofSums(3, 3, 5), 1.5));
        assertTrue(e.getMessage().contains("confidence"), e.getMessage());
    }
}
