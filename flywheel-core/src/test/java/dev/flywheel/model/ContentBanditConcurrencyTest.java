package dev.flywheel.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flywheel.loop.Choice;
import dev.flywheel.loop.DecideRequest;
import dev.flywheel.loop.Slate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Decisions run in parallel (features under their read lock, the ranker's published state without
 * locks) while the log runner updates features and trains: every slate must still be a valid draw
 * with exact epsilon-greedy propensities (a race on a cache of the read path showed up as exceptions
 * or lost candidates).
 */
class ContentBanditConcurrencyTest {
    private static final double EPSILON = 0.2;

    @Test
    void parallelDecisionsDuringUpdatesAndTrainingGiveValidSlates() throws Exception {
        BanditHistory h = new BanditHistory(Map.of("name", "feed", "exploration", Map.of("epsilon", EPSILON)), 3);
        h.play(200);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Integer>> deciders = new ArrayList<>();
            for (int t = 0; t < 3; t++) {
                int thread = t;
                deciders.add(pool.submit(() -> decideMany(h, thread)));
            }
            Future<?> writer = pool.submit(() -> h.play(1_000));
            writer.get(60, TimeUnit.SECONDS);
            for (Future<Integer> d : deciders) assertTrue(d.get(60, TimeUnit.SECONDS) > 0);
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * Decisions ask as of a time after the whole history: the writer plays hours of event time in a
     * second and compacts behind it, so a "now" read from the history could already be compacted
     * away by the time its decision runs (a decide in the engine asks for the wall clock, ahead of
     * the log's event time).
     */
    private static int decideMany(BanditHistory h, int thread) {
        Instant now = BanditHistory.START.plus(Duration.ofDays(1));
        int n = 0;
        for (int i = 0; i < 300; i++) {
            String user = BanditHistory.user((i + thread) % BanditHistory.USERS);
            Choice c = h.policy().decide(new DecideRequest("feed", user, null, BanditHistory.items(), 10, i % 2 == 0, false), now);
            assertValid(c.slate(), c.candidates().size());
            n++;
        }
        return n;
    }

    /**
     * Distinct items; slot j drew from the r = |eligible| − j left: ε/r, or ε/r + 1 − ε for the best.
     * Disliked items are not eligible; |eligible| read off the first slot (ε/r &lt; 1 − ε here) must be
     * the number of candidates the choice reports.
     */
    private static void assertValid(Slate s, int candidates) {
        double p0 = s.slots().get(0).propensity();
        double r0 = EPSILON / (p0 > 1 - EPSILON ? p0 - (1 - EPSILON) : p0);
        long eligible = Math.round(r0);
        assertTrue(Math.abs(r0 - eligible) < 1e-9, "first propensity " + p0);
        assertEquals(candidates, eligible, "the eligible candidates the slate was drawn from");
        Set<String> items = new HashSet<>();
        for (int j = 0; j < s.slots().size(); j++) {
            Slate.Slot slot = s.slots().get(j);
            assertTrue(items.add(slot.item()), "repeated " + slot.item());
            double explore = EPSILON / (eligible - j);
            double p = slot.propensity();
            assertTrue(Math.abs(p - explore) < 1e-12 || Math.abs(p - explore - (1 - EPSILON)) < 1e-12,
                    "slot " + j + " propensity " + p);
        }
        assertEquals(10, s.slots().size());
    }
}
