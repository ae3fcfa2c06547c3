package dev.flywheel.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Frequentist properties over 1,000 simulated experiments each (seeded, deterministic).
 *
 * <p>Tolerances: with 1,000 independent trials the share of events of true probability 0.05 has
 * standard deviation sqrt(0.05 * 0.95 / 1000) = 0.0069. Coverage in [0.93, 0.97] is the nominal 0.95
 * ± 2.9 SD; a false-positive rate up to 0.065 is 0.05 + 2.2 SD (P(Binomial(1000, 0.05) > 65) ≈ 0.015),
 * so a correct procedure fails these bounds only for an unlucky seed, and a procedure that is off by
 * a few points fails them reliably.
 */
class CoverageSimulationTest {
    private static final int TRIALS = 1000;

    @Test
    void welchIntervalsCoverAKnownEffect() {
        SplittableRandom random = new SplittableRandom(1);
        int covered = 0;
        int relCovered = 0;
        for (int trial = 0; trial < TRIALS; trial++) {
            // unequal variances and sizes: the case Welch exists for
            double[] c = normal(random, 200, 10, 2);
            double[] t = normal(random, 300, 10.5, 3);
            MeanDifference d = WelchTest.compare(MeanEstimate.ofSample(t), MeanEstimate.ofSample(c), 0.95);
            covered += d.ci().contains(0.5) ? 1 : 0;
            relCovered += d.relCi().contains(0.05) ? 1 : 0;
        }
        double coverage = covered / (double) TRIALS;
        double relCoverage = relCovered / (double) TRIALS;
        System.out.printf("Welch coverage %.3f, relative-lift (delta) coverage %.3f%n", coverage, relCoverage);
        assertTrue(coverage >= 0.93 && coverage <= 0.97, "coverage " + coverage);
        assertTrue(relCoverage >= 0.93 && relCoverage <= 0.97, "relative coverage " + relCoverage);
    }

    @Test
    void deltaMethodIntervalsOfARatioMetricCoverAKnownEffect() {
        SplittableRandom random = new SplittableRandom(5);
        int covered = 0;
        for (int trial = 0; trial < TRIALS; trial++) {
            // clicks per impression; users see 1..10 impressions, click-through 0.10 vs 0.12
            double[][] c = clicksAndImpressions(random, 500, 0.10);
            double[][] t = clicksAndImpressions(random, 500, 0.12);
            MeanDifference d = WelchTest.compare(DeltaMethod.ratio(t[0], t[1]), DeltaMethod.ratio(c[0], c[1]), 0.95);
            covered += d.ci().contains(0.02) ? 1 : 0;
        }
        double coverage = covered / (double) TRIALS;
        System.out.printf("ratio-metric (delta method) coverage %.3f%n", coverage);
        assertTrue(coverage >= 0.93 && coverage <= 0.97, "ratio coverage " + coverage);
    }

    private static double[][] clicksAndImpressions(SplittableRandom random, int users, double ctr) {
        double[][] out = new double[2][users];
        for (int u = 0; u < users; u++) {
            int impressions = 1 + random.nextInt(10);
            int clicks = 0;
            for (int i = 0; i < impressions; i++) {
                clicks += random.nextDouble() < ctr ? 1 : 0;
            }
            out[0][u] = clicks;
            out[1][u] = impressions;
        }
        return out;
    }

    @Test
    void aaTestsRejectAtMostFivePercent() {
        SplittableRandom random = new SplittableRandom(2);
        int rejected = 0;
        for (int trial = 0; trial < TRIALS; trial++) {
            // skewed, conversion-like revenue: mostly zero, occasionally large
            double[] a = revenue(random, 500);
            double[] b = revenue(random, 500);
            rejected += WelchTest.compare(MeanEstimate.ofSample(a), MeanEstimate.ofSample(b), 0.95).pValue() < 0.05
                    ? 1 : 0;
        }
        double rate = rejected / (double) TRIALS;
        System.out.printf("A/A false-positive rate %.3f%n", rate);
        assertTrue(rate <= 0.065, "false-positive rate " + rate);
    }

    @Test
    void cupedNarrowsIntervalsAndKeepsCoverage() {
        SplittableRandom random = new SplittableRandom(3);
        double rawWidth = 0;
        double cupedWidth = 0;
        int covered = 0;
        for (int trial = 0; trial < TRIALS; trial++) {
            double[][] x = {normal(random, 200, 5, 1), normal(random, 200, 5, 1)};
            // corr(Y, X) = 0.8 within arms: CUPED should cut the variance by about 1 - 0.64
            double[][] y = new double[2][200];
            for (int a = 0; a < 2; a++) {
                for (int i = 0; i < 200; i++) {
                    y[a][i] = 2 * x[a][i] + 1.5 * random.nextGaussian() + (a == 1 ? 0.3 : 0);
                }
            }
            Cuped cuped = Cuped.fit(y, x);
            MeanDifference raw = WelchTest.compare(MeanEstimate.ofSample(y[1]), MeanEstimate.ofSample(y[0]), 0.95);
            MeanDifference adj = WelchTest.compare(MeanEstimate.ofSample(cuped.adjust(y[1], x[1])),
                    MeanEstimate.ofSample(cuped.adjust(y[0], x[0])), 0.95);
            rawWidth += raw.ci().width();
            cupedWidth += adj.ci().width();
            covered += adj.ci().contains(0.3) ? 1 : 0;
        }
        double ratio = cupedWidth / rawWidth;
        double coverage = covered / (double) TRIALS;
        System.out.printf("CUPED width ratio %.3f (theory sqrt(1-0.64)=0.6), coverage %.3f%n", ratio, coverage);
        assertTrue(ratio < 0.7, "CUPED width ratio " + ratio);
        assertTrue(coverage >= 0.93 && coverage <= 0.97, "CUPED coverage " + coverage);
    }

    @Test
    void confidenceSequencesSurviveContinuousMonitoringWhereTheTTestDoesNot() {
        SplittableRandom random = new SplittableRandom(4);
        int batches = 20;
        int batch = 50;
        double alpha = 0.05;
        double rho = ConfidenceSequence.rhoFor(2.0 * batches * batch, alpha);
        int csErrors = 0;
        int naiveErrors = 0;
        for (int trial = 0; trial < TRIALS; trial++) {
            double[] sums = new double[4];
            boolean csRejected = false;
            boolean naiveRejected = false;
            for (int k = 1; k <= batches; k++) {
                for (int i = 0; i < batch; i++) {
                    addTo(sums, 0, revenueValue(random));
                    addTo(sums, 2, revenueValue(random));
                }
                long n = (long) k * batch;
                MeanDifference d = WelchTest.compare(MeanEstimate.ofSums(n, sums[2], sums[3]),
                        MeanEstimate.ofSums(n, sums[0], sums[1]), 1 - alpha);
                naiveRejected |= d.significant();
                csRejected |= !ConfidenceSequence.of(d.diff(), d.standardError(), 2 * n, alpha, rho).interval()
                        .contains(0);
            }
            csErrors += csRejected ? 1 : 0;
            naiveErrors += naiveRejected ? 1 : 0;
        }
        double cs = csErrors / (double) TRIALS;
        double naive = naiveErrors / (double) TRIALS;
        System.out.printf("peeking 20 times: confidence-sequence error %.3f, naive t-test error %.3f%n", cs, naive);
        assertTrue(cs <= 0.05, "confidence sequence error " + cs);
        assertTrue(naive >= 0.12, "naive peeking error " + naive);
    }

    /**
     * The one-sided bound against its definition, computed independently: the half-normal mixture
     * 2 ∫₀^∞ exp(λS − λ²n/2) N(λ; 0, ρ²) dλ, integrated numerically, equals 1/α at S = k·√n.
     */
    @Test
    void theOneSidedMultiplierIsWhereTheHalfNormalMixtureReachesOneOverAlpha() {
        for (long n : new long[] {10, 400, 5_000}) {
            for (double alpha : new double[] {0.05, 0.0125}) {
                double rho = ConfidenceSequence.rhoFor(1_000, alpha);
                double k = ConfidenceSequence.oneSidedMultiplier(n, rho, alpha);
                double s = k * Math.sqrt(n);
                double sd = rho; // the mixing distribution of λ: N(0, ρ²)
                int steps = 200_000;
                double top = s / n + 12 * Math.min(sd, 1 / Math.sqrt(n)) + 12 * sd;
                double h = top / steps;
                double sum = 0;
                for (int i = 0; i <= steps; i++) {
                    double l = i * h;
                    double f = Math.exp(l * s - l * l * n / 2 - l * l / (2 * sd * sd)) / (sd * Math.sqrt(2 * Math.PI));
                    sum += f * (i == 0 || i == steps ? 1 : i % 2 == 1 ? 4 : 2);
                }
                double mixture = 2 * sum * h / 3;
                assertEquals(1 / alpha, mixture, 1e-6 / alpha, "n=" + n + " alpha=" + alpha);
                double twoSidedAt2Alpha = ConfidenceSequence.multiplier(n, rho, 2 * alpha);
                assertTrue(k < ConfidenceSequence.multiplier(n, rho, alpha), "narrower than the two-sided bound");
                assertTrue(Math.abs(k / twoSidedAt2Alpha - 1) < 0.03, "about the two-sided bound at 2α: " + k + " vs " + twoSidedAt2Alpha);
            }
        }
    }

    /** Looking 20 times, a one-sided lower bound on a zero difference rises above 0 at most at alpha. */
    @Test
    void aOneSidedBoundPeekedTwentyTimesKeepsItsErrorRate() {
        SplittableRandom random = new SplittableRandom(20_261_201);
        int batches = 20;
        int batch = 50;
        double alpha = 0.05;
        int errors = 0;
        for (int trial = 0; trial < TRIALS; trial++) {
            double[] sums = new double[4];
            boolean rejected = false;
            for (int k = 1; k <= batches && !rejected; k++) {
                for (int i = 0; i < batch; i++) {
                    addTo(sums, 0, random.nextGaussian());
                    addTo(sums, 2, random.nextGaussian());
                }
                long n = (long) k * batch;
                MeanDifference d = WelchTest.compare(MeanEstimate.ofSums(n, sums[2], sums[3]),
                        MeanEstimate.ofSums(n, sums[0], sums[1]), 1 - alpha);
                rejected = ConfidenceSequence.boundsForDifference(d, alpha, 2.0 * batches * batch).interval().low() > 0;
            }
            errors += rejected ? 1 : 0;
        }
        double rate = errors / (double) TRIALS;
        System.out.printf("peeking 20 times: one-sided bound error %.3f%n", rate);
        assertTrue(rate <= alpha, "one-sided error " + rate);
    }

    private static void addTo(double[] sums, int at, double v) {
        sums[at] += v;
        sums[at + 1] += v * v;
    }

    private static double[] normal(SplittableRandom random, int n, double mean, double sd) {
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            out[i] = mean + sd * random.nextGaussian();
        }
        return out;
    }

    private static double[] revenue(SplittableRandom random, int n) {
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            out[i] = revenueValue(random);
        }
        return out;
    }

    /** 20% convert; spend is exponential with mean 30. */
    private static double revenueValue(SplittableRandom random) {
        return random.nextDouble() < 0.2 ? -30 * Math.log(1 - random.nextDouble()) : 0;
    }
}
