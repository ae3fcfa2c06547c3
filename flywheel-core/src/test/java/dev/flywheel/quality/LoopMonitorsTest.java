package dev.flywheel.quality;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flywheel.event.Event;
import dev.flywheel.log.LogEntry;
import dev.flywheel.outcome.Outcome;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class LoopMonitorsTest {
    private static final Instant T0 = Instant.parse("2026-03-02T00:00:00Z");
    private static final Duration HOUR = Duration.ofHours(1);
    private long seq;

    private static QualitySpec spec(double alpha, boolean contamination) {
        return new QualitySpec(true, HOUR, 1, 1, alpha, 0.25, Map.of("like", QualitySpec.Direction.DOWN), contamination,
                Set.of(QualitySpec.Action.EXCLUDE));
    }

    private static Outcome outcome(String decision, String user, String item, Instant at, List<String> reactions) {
        return new Outcome(decision, "feed", user, item, 1, null, null, "v1", "champion", at, 10, reactions, 0, false, 0);
    }

    /** Window {@code w}: one decision of {@code n} items per entry of {@code likes}, that many liked. */
    private void window(LoopMonitors m, int w, int[] likes, int n) {
        for (int d = 0; d < likes.length; d++) {
            for (int i = 0; i < n; i++) {
                m.accept(outcome("w" + w + "d" + d, "u" + d, "i" + i, T0.plus(HOUR.multipliedBy(w)).plusSeconds(d),
                        i < likes[d] ? List.of("click", "like") : List.of()));
            }
        }
    }

    private void reach(LoopMonitors m, Instant t) {
        m.accept(new LogEntry.EventEntry(seq++, 0, new Event("e" + seq, "impression", t, "x", null, null, "feed", "i0", null, null)));
    }

    @Test
    void aFallingLikeRateIsTestedWithTheVarianceClusteredByDecision() {
        // by hand (and numpy): p = 0.3 and 0.05; clustered variances 4/3·5/400 = 0.016667 and 4/3·0.75/400 = 0.0025;
        // z = 0.25 / sqrt(0.019167) = 1.8058, one-sided p = 0.035476; the first judged window gets alpha / 2
        for (double alpha : new double[] {0.1, 0.05}) {
            AlertBoard board = new AlertBoard();
            LoopMonitors m = new LoopMonitors("feed", spec(alpha, false), Duration.ofMinutes(30), board, new Exclusions());
            window(m, 0, new int[] {2, 1, 0, 3}, 5);
            window(m, 1, new int[] {0, 0, 1, 0}, 5);
            reach(m, T0.plus(HOUR.multipliedBy(2)).plusSeconds(1));
            assertEquals(0, board.size(), "window 1 waits for its outcomes: the reward window and the join's step after its end");
            reach(m, T0.plus(HOUR.multipliedBy(2)).plus(Duration.ofMinutes(32)));
            List<Alert> alerts = board.list(null, null, 0);
            if (alpha == 0.05) {
                assertEquals(List.of(), alerts, "p = 0.0355 is above the level 0.025");
                continue;
            }
            assertEquals(1, alerts.size(), alerts.toString());
            Alert a = alerts.get(0);
            assertEquals("drift", a.monitor());
            assertEquals("like_rate_change", a.statistic());
            assertEquals((0.05 - 0.3) / 0.3, a.value(), 1e-12);
            assertEquals(-0.25, a.threshold(), 0);
            assertEquals(T0.plus(HOUR), a.windowStart());
            assertTrue(a.detail().contains("z = 1.81") && a.detail().contains("p = 0.035 "), a.detail());
        }
    }

    @Test
    void oneShiftRaisesOneAlertAndStableWindowsNone() {
        AlertBoard board = new AlertBoard();
        LoopMonitors m = new LoopMonitors("feed", spec(0.01, false), Duration.ofMinutes(30), board, new Exclusions());
        int[] high = new int[40];
        int[] low = new int[40];
        java.util.Arrays.fill(high, 3);
        java.util.Arrays.fill(low, 1);
        for (int w = 0; w < 6; w++) window(m, w, w < 3 ? high : low, 10);
        reach(m, T0.plus(HOUR.multipliedBy(8)));
        List<Alert> alerts = board.list("feed", null, 0);
        assertEquals(1, alerts.size(), "the reference restarts after the shift: " + alerts);
        assertEquals(T0.plus(HOUR.multipliedBy(3)), alerts.get(0).windowStart());
        assertEquals(List.of(), board.list("other", null, 0));
        assertEquals(List.of(), board.list("feed", T0.plus(HOUR.multipliedBy(4)), 0), "since keeps windows that ended after it");
    }

    @Test
    void streamedWindowSumsEqualTheClusteredVarianceComputedFromItsDefinition() {
        Random r = new Random(11);
        for (int trial = 0; trial < 200; trial++) {
            List<Outcome> outcomes = new ArrayList<>();
            Map<String, int[]> perDecision = new HashMap<>();
            int decisions = 2 + r.nextInt(30);
            for (int d = 0; d < decisions; d++) {
                int n = 1 + r.nextInt(12);
                for (int i = 0; i < n; i++) {
                    boolean like = r.nextDouble() < 0.3;
                    outcomes.add(outcome("d" + d, "u" + d, "i" + i, T0, like ? List.of("like") : List.of("click")));
                    int[] c = perDecision.computeIfAbsent("d" + d, k -> new int[2]);
                    c[0]++;
                    if (like) c[1]++;
                }
            }
            Collections.shuffle(outcomes, r); // outcomes of one decision close in any order
            LoopMonitors.WindowCounts w = new LoopMonitors.WindowCounts(List.of("like"));
            outcomes.forEach(w::add);
            w.fold();
            RateDrift.Rate streamed = RateDrift.Rate.pooled(List.of(w), 0);
            double n = 0;
            double h = 0;
            for (int[] c : perDecision.values()) {
                n += c[0];
                h += c[1];
            }
            double p = h / n;
            double sum = 0;
            for (int[] c : perDecision.values()) sum += Math.pow(c[1] - p * c[0], 2);
            double variance = (double) decisions / (decisions - 1) * sum / (n * n);
            assertEquals(p, streamed.p(), 1e-12);
            assertEquals(variance, streamed.variance(), 1e-12 + 1e-9 * variance);
            assertEquals((long) n, streamed.impressions());
        }
    }

    @Test
    void botsAreNamedOnceAndLeftOutOfTraining() {
        AlertBoard board = new AlertBoard();
        Exclusions excluded = new Exclusions();
        List<Set<String>> forgotten = new ArrayList<>();
        excluded.onNewUsers(forgotten::add);
        LoopMonitors m = new LoopMonitors("feed", spec(0.01, true), Duration.ofMinutes(30), board, excluded);
        Random r = new Random(5);
        for (int w = 0; w < 3; w++) {
            for (int u = 0; u < 60; u++) {
                boolean bot = u < 3;
                for (int i = 0; i < 12; i++) {
                    List<String> reactions = bot ? (r.nextDouble() < 0.9 ? List.of("click") : List.of())
                            : r.nextDouble() < 0.15 + 0.1 * r.nextDouble() ? (r.nextBoolean() ? List.of("click", "like") : List.of("click", "dislike"))
                            : List.of();
                    m.accept(outcome("w" + w + "u" + u, "u" + u, "i" + r.nextInt(40), T0.plus(HOUR.multipliedBy(w)), reactions));
                }
            }
        }
        reach(m, T0.plus(HOUR.multipliedBy(5)));
        List<Alert> bots = board.list(null, null, 0).stream().filter(a -> a.monitor().equals("bots")).toList();
        assertEquals(1, bots.size(), "named once, in the first window with enough impressions: " + bots);
        assertEquals(List.of("u0", "u1", "u2"), bots.get(0).users());
        assertTrue(bots.get(0).value() > ContaminationMonitor.OUTLIER);
        assertEquals(Set.of("u0", "u1", "u2"), excluded.users());
        assertTrue(excluded.excludes("u1", "i3") && !excluded.excludes("u9", "i3"));
        assertEquals(List.of(Set.of("u0", "u1", "u2")), forgotten, "the listeners (what forgets their past) hear each naming once");
    }
}
