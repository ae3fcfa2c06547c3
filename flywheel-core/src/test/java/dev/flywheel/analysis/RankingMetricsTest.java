package dev.flywheel.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flywheel.analysis.RankingMetrics.Metric;
import dev.flywheel.analysis.RankingMetrics.Summary;
import dev.flywheel.analysis.RankingMetrics.UserMetrics;
import dev.flywheel.stats.Interval;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class RankingMetricsTest {
    static final List<String> RANKED = List.of("a", "b", "c", "d");
    static final Set<String> RELEVANT = Set.of("b", "d", "x");

    @Test
    void atThreeByHand() {
        UserMetrics m = RankingMetrics.evaluate(RANKED, RELEVANT, 3);
        // top 3 = a, b, c: one hit, b at rank 2
        assertEquals(1, m.hits());
        assertEquals(1.0 / 3, m.precision(), 1e-15);             // 1 / k
        assertEquals(1.0 / 3, m.recall(), 1e-15);                // 1 / |{b, d, x}|
        // DCG = 1/log2(3) = 0.6309297535714575; IDCG = 1/log2(2) + 1/log2(3) + 1/log2(4) = 2.1309297535714578
        assertEquals(0.2960819109658652, m.ndcg(), 1e-12);      // 0.6309297535714575 / 2.1309297535714578
        assertEquals(1.0 / 6, m.averagePrecision(), 1e-15);      // precision@2 = 1/2, over min(3, 3) = 3
        assertTrue(m.hit());
    }

    @Test
    void atFourByHand() {
        UserMetrics m = RankingMetrics.evaluate(RANKED, RELEVANT, 4);
        // top 4 = a, b, c, d: hits b at rank 2 and d at rank 4
        assertEquals(2, m.hits());
        assertEquals(0.5, m.precision(), 1e-15);                 // 2 / 4
        assertEquals(2.0 / 3, m.recall(), 1e-15);                // 2 / 3
        // DCG = 1/log2(3) + 1/log2(5) = 0.6309297535714575 + 0.43067655807339306; IDCG as at 3 (min(4, 3) = 3)
        assertEquals(0.49818925746641285, m.ndcg(), 1e-12);     // 1.0616063116448506 / 2.1309297535714578
        assertEquals(1.0 / 3, m.averagePrecision(), 1e-15);      // (precision@2 + precision@4) / 3 = (1/2 + 2/4) / 3
    }

    @Test
    void perfectShortAndEmptyRankings() {
        UserMetrics perfect = RankingMetrics.evaluate(List.of("x", "y", "z"), Set.of("x", "y", "z"), 3);
        assertEquals(new UserMetrics(3, 1, 1, 1, 1), perfect);
        // more relevant than k: recall 2/4, but nDCG and AP are normalised by min(k, |R|) = 2
        assertEquals(new UserMetrics(2, 1, 0.5, 1, 1), RankingMetrics.evaluate(List.of("x", "y"), Set.of("x", "y", "z", "w"), 2));
        // one item ranked for k = 3: the two empty slots count as misses in precision only
        assertEquals(new UserMetrics(1, 1.0 / 3, 1, 1, 1), RankingMetrics.evaluate(List.of("x"), Set.of("x"), 3));
        UserMetrics empty = RankingMetrics.evaluate(List.of(), Set.of("x"), 5);
        assertEquals(new UserMetrics(0, 0, 0, 0, 0), empty);
        assertFalse(empty.hit());
        assertEquals(0.0, empty.value(Metric.HIT));
    }

    @Test
    void summaryAveragesUsersAndCountsCoverageWithinK() {
        List<List<String>> rankings = List.of(List.of("a", "b"), List.of("c", "d", "e"));
        List<Set<String>> relevant = List.of(Set.of("b"), Set.of("e"));
        Summary s = RankingMetrics.summarize(rankings, relevant, 2, 5);
        // user 0: b at rank 2: precision 1/2, recall 1, nDCG (1/log2 3) / 1, AP (1/2) / min(2, 1) = 1/2
        // user 1: e is at rank 3, past k: all 0
        assertEquals(2, s.users());
        assertEquals(0.25, s.precision(), 1e-15);
        assertEquals(0.5, s.recall(), 1e-15);
        assertEquals(0.6309297535714575 / 2, s.ndcg(), 1e-12);
        assertEquals(0.25, s.meanAveragePrecision(), 1e-15);
        assertEquals(0.5, s.hitRate(), 1e-15);
        assertEquals(0.8, s.coverage(), 1e-15);                  // {a, b, c, d} of 5; e was past k
        assertEquals(0.25, s.mean(Metric.AVERAGE_PRECISION), 1e-15);
        assertEquals(RankingMetrics.evaluate(rankings.get(1), relevant.get(1), 2), s.perUser().get(1));
        assertThrows(UnsupportedOperationException.class, () -> s.perUser().clear());
    }

    @Test
    void coverageCountsDistinctItemsInTopK() {
        List<List<Integer>> rankings = List.of(List.of(1, 2, 3), List.of(2, 3, 4), List.of());
        assertEquals(0.3, RankingMetrics.coverage(rankings, 2, 10), 1e-15);   // {1, 2, 3} of 10
        assertEquals(0.4, RankingMetrics.coverage(rankings, 3, 10), 1e-15);   // {1, 2, 3, 4} of 10
        assertEquals("catalogueSize 2 is less than the 3 distinct items recommended",
                assertThrows(IllegalArgumentException.class, () -> RankingMetrics.coverage(rankings, 2, 2)).getMessage());
    }

    @Test
    void meanIntervalOfAHitRateMatchesTheNormalApproximation() {
        List<UserMetrics> users = new ArrayList<>();
        for (int u = 0; u < 400; u++) users.add(u % 10 < 3 ? new UserMetrics(1, 0.1, 0.5, 0.5, 0.5) : new UserMetrics(0, 0, 0, 0, 0));
        Interval ci = RankingMetrics.meanInterval(users, Metric.HIT, 0.95, 4_000, 1);
        // p = 0.3, n = 400: 0.3 ± 1.96 · √(0.3 · 0.7 / 400) = 0.3 ± 0.0449
        assertEquals(0.3 - 0.0449, ci.low(), 0.006);
        assertEquals(0.3 + 0.0449, ci.high(), 0.006);
        assertEquals(ci, RankingMetrics.meanInterval(users, Metric.HIT, 0.95, 4_000, 1), "seeded");
    }

    @Test
    void pairedIntervalSeesASmallConsistentGainThatSeparateIntervalsMiss() {
        SplittableRandom random = new SplittableRandom(3);
        List<UserMetrics> baseline = new ArrayList<>();
        List<UserMetrics> better = new ArrayList<>();
        double sumDifference = 0;
        for (int u = 0; u < 300; u++) {
            double b = random.nextDouble(0, 0.8);
            double p = b + 0.03 + random.nextDouble(-0.02, 0.02);
            baseline.add(new UserMetrics(1, 0.2, 0.5, b, 0.3));
            better.add(new UserMetrics(1, 0.2, 0.5, p, 0.3));
            sumDifference += p - b;
        }
        Interval paired = RankingMetrics.pairedDifferenceInterval(better, baseline, Metric.NDCG, 0.95, 2_000, 9);
        assertTrue(paired.low() > 0, "excludes 0: " + paired);
        assertTrue(paired.contains(sumDifference / 300), "contains the mean difference: " + paired);
        Interval a = RankingMetrics.meanInterval(better, Metric.NDCG, 0.95, 2_000, 9);
        Interval b = RankingMetrics.meanInterval(baseline, Metric.NDCG, 0.95, 2_000, 9);
        assertTrue(a.low() < b.high(), "unpaired, the two intervals overlap: " + a + " " + b);
        Interval same = RankingMetrics.pairedDifferenceInterval(baseline, baseline, Metric.NDCG, 0.95, 2_000, 9);
        assertTrue(same.contains(0));
        assertEquals(0.0, same.width());
    }

    @Test
    void pairedIntervalContainsZeroWhenThePoliciesAreEquallyGoodOnAverage() {
        // y is x's values handed to other users (a rotation): the mean difference is exactly 0
        SplittableRandom random = new SplittableRandom(5);
        List<UserMetrics> x = new ArrayList<>();
        for (int u = 0; u < 300; u++) x.add(new UserMetrics(1, 0, 0, random.nextDouble(), 0));
        List<UserMetrics> y = new ArrayList<>(x.subList(1, 300));
        y.add(x.get(0));
        Interval ci = RankingMetrics.pairedDifferenceInterval(x, y, Metric.NDCG, 0.95, 2_000, 2);
        assertTrue(ci.contains(0) && ci.width() > 0.01, ci.toString());
    }

    @Test
    void pairedIntervalCoversTheTrueDifferenceAboutAsOftenAsItSays() {
        // two policies with the same hit probability per user: the true mean difference is 0
        SplittableRandom random = new SplittableRandom(5);
        int covered = 0;
        int trials = 200;
        for (int t = 0; t < trials; t++) {
            List<UserMetrics> x = new ArrayList<>();
            List<UserMetrics> y = new ArrayList<>();
            for (int u = 0; u < 300; u++) {
                double p = random.nextDouble(0.1, 0.7); // users differ; the policies do not
                x.add(new UserMetrics(random.nextDouble() < p ? 1 : 0, 0, 0, 0, 0));
                y.add(new UserMetrics(random.nextDouble() < p ? 1 : 0, 0, 0, 0, 0));
            }
            if (RankingMetrics.pairedDifferenceInterval(x, y, Metric.HIT, 0.95, 1_000, t).contains(0)) covered++;
        }
        // binomial(200, 0.95) has sd 3.1: 180..198 is about −5 to +1 sd around 190
        assertTrue(covered >= 180 && covered <= 198, covered + " of " + trials);
    }

    @Test
    void refusesBadInput() {
        assertEquals("relevant must not be empty", assertThrows(IllegalArgumentException.class,
                () -> RankingMetrics.evaluate(RANKED, Set.of(), 3)).getMessage());
        assertEquals("k must be >= 1, got 0", assertThrows(IllegalArgumentException.class,
                () -> RankingMetrics.evaluate(RANKED, RELEVANT, 0)).getMessage());
        assertEquals("ranked lists a twice in its top 3", assertThrows(IllegalArgumentException.class,
                () -> RankingMetrics.evaluate(List.of("a", "b", "a"), RELEVANT, 3)).getMessage());
        RankingMetrics.evaluate(List.of("a", "b", "a"), RELEVANT, 2); // a repeat past k is not looked at
        assertEquals("user 1: relevant must not be empty", assertThrows(IllegalArgumentException.class,
                () -> RankingMetrics.summarize(List.of(RANKED, RANKED), List.of(RELEVANT, Set.of()), 3, 10)).getMessage());
        assertThrows(IllegalArgumentException.class, () -> RankingMetrics.summarize(List.of(RANKED), List.of(), 3, 10));
        List<UserMetrics> one = List.of(new UserMetrics(0, 0, 0, 0, 0));
        assertThrows(IllegalArgumentException.class,
                () -> RankingMetrics.pairedDifferenceInterval(one, List.of(), Metric.NDCG, 0.95, 100, 1));
        assertThrows(IllegalArgumentException.class, () -> RankingMetrics.meanInterval(one, Metric.NDCG, 1.5, 100, 1));
        assertThrows(IllegalArgumentException.class, () -> RankingMetrics.meanInterval(List.of(), Metric.NDCG, 0.95, 100, 1));
        assertThrows(IllegalArgumentException.class, () -> new UserMetrics(0, 1.5, 0, 0, 0));
    }
}
