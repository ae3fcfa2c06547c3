package dev.flywheel.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.flywheel.stats.internal.Poisson;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The cell-level Poisson bootstrap of DM against the row-level resampling it replaces. */
class SmoothedDirectBootstrapTest {

    @Test
    void poissonDrawsHaveTheirMeanAsMeanAndVariance() {
        for (double mean : new double[] {0.5, 3, 40, 5_000}) {
            SplittableRandom random = new SplittableRandom(11);
            double s = 0;
            double ss = 0;
            int n = 200_000;
            for (int i = 0; i < n; i++) {
                long k = Poisson.sample(mean, random);
                s += k;
                ss += (double) k * k;
            }
            double m = s / n;
            double v = ss / n - m * m;
            // standard errors: sqrt(mean / n) for the mean, about mean * sqrt(2 / n) for the variance
            assertEquals(mean, m, 5 * Math.sqrt(mean / n), "mean " + mean);
            assertEquals(mean, v, 6 * mean * Math.sqrt(2.0 / n) + 0.01, "variance " + mean);
        }
    }

    @Test
    void standardErrorMatchesTheRowBootstrap() {
        SplittableRandom random = new SplittableRandom(5);
        List<LoggedDecision> log = new ArrayList<>();
        for (int i = 0; i < 3_000; i++) {
            int context = random.nextInt(3);
            int action = random.nextInt(8);
            double reward = random.nextDouble() < 0.05 + 0.02 * action ? 1 : 0;
            log.add(new LoggedDecision(context, action, 0.125, reward, 0.125));
        }
        ActionDistribution greedyOnSeven = (x, a) -> a == 7 ? 1 : 0;
        SmoothedRewardModel model = new SmoothedRewardModel(20);
        RewardModelFitter rowLevel = model::fit; // not a SmoothedRewardModel: takes the row path
        OffPolicyEstimate cells = OffPolicyEstimators.directMethod(log, greedyOnSeven, model, 8, 0.95, 400, 1);
        OffPolicyEstimate rows = OffPolicyEstimators.directMethod(log, greedyOnSeven, rowLevel, 8, 0.95, 400, 1);
        assertEquals(rows.value(), cells.value(), 1e-15);
        // two bootstraps of 400 replicates: their SEs agree to within their own noise (~3.5% each)
        assertEquals(rows.standardError(), cells.standardError(), 0.15 * rows.standardError());
        assertEquals(rows.ci().low(), cells.ci().low(), 0.3 * (rows.ci().high() - rows.ci().low()));
    }
}
