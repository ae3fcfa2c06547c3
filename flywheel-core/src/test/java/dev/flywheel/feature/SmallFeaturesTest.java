package dev.flywheel.feature;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flywheel.state.StateReader;
import dev.flywheel.state.StateWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SmallFeaturesTest {
    static final Instant T = Instant.parse("2026-11-27T10:00:00Z");
    static final Duration DAY = Duration.ofDays(1);

    @Test
    void smoothedRateShrinksTowardThePrior() {
        SmoothedRate r = new SmoothedRate(0.1, 10);
        assertEquals(0.1, r.rate(0, 0));
        assertEquals(0.2, r.rate(3, 10), 1e-12, "(3 + 10·0.1) / (10 + 10)");
        assertEquals(0.4918918918918919, r.rate(545, 1100), 1e-12, "(545 + 1) / 1110 — data dominate");
        assertThrows(IllegalArgumentException.class, () -> new SmoothedRate(1.5, 1));
        assertThrows(IllegalArgumentException.class, () -> new SmoothedRate(0.5, 0));
    }

    @Test
    void itemRatesAreSmoothedTowardTheGlobalRates() {
        ItemFeedback a = new ItemFeedback(DAY);
        for (int i = 0; i < 10; i++) a.impression(T);
        for (int i = 0; i < 3; i++) a.reaction("click", T);
        a.reaction("like", T);
        a.reaction("dwell", T);
        FeedbackCounts global = new FeedbackCounts(100, 10, 20, 5);
        ItemFeedback.ItemRates r = a.rates(T, global, 10);
        assertEquals(0.2, r.click(), 1e-12, "(3 + 10·0.10) / 20");
        assertEquals(0.15, r.like(), 1e-12, "(1 + 10·0.20) / 20");
        assertEquals(0.025, r.dislike(), 1e-12, "(0 + 10·0.05) / 20");
        assertEquals(new FeedbackCounts(10, 3, 1, 0), a.at(T));
    }

    /** An item's counts that never had an update are held as none: the same bytes and answers as empty ones. */
    @Test
    void countsNeverUpdatedWriteAsEmptyOnesAndSubtractAsNothing() {
        ItemFeedback a = new ItemFeedback(DAY);
        a.impression(T);
        a.impression(T.plusSeconds(1));
        a.reaction("click", T.plusSeconds(2));
        DecayedCount impressions = new DecayedCount(DAY);
        DecayedCount clicks = new DecayedCount(DAY);
        impressions.add(T, 1);
        impressions.add(T.plusSeconds(1), 1);
        clicks.add(T.plusSeconds(2), 1);
        StateWriter expected = new StateWriter();
        for (DecayedCount c : List.of(impressions, clicks, new DecayedCount(DAY), new DecayedCount(DAY))) c.writeState(expected);
        assertArrayEquals(expected.toByteArray(), bytes(a));
        ItemFeedback read = new ItemFeedback(DAY);
        read.readState(new StateReader(bytes(a)));
        assertArrayEquals(bytes(a), bytes(read));

        ItemFeedback part = new ItemFeedback(DAY);
        part.impression(T);
        part.reaction("like", T);
        read.subtract(part);
        FeedbackCounts left = read.at(T.plusSeconds(2));
        assertEquals(Math.pow(2, -1.0 / 86_400), left.impressions(), 1e-12, "the impression at T+1s, a second old");
        assertEquals(1.0, left.clicks(), 1e-12);
        assertEquals(0.0, left.likes(), "a like only the part had reads 0");
        assertEquals(0.0, left.dislikes());
        read.compact(T.plusSeconds(3));
        assertFalse(read.holdsUpdates());
        assertEquals(Long.MAX_VALUE, new ItemFeedback(DAY).oldestHeldMillis());
    }

    private static byte[] bytes(ItemFeedback f) {
        StateWriter out = new StateWriter();
        f.writeState(out);
        return out.toByteArray();
    }

    @Test
    void profileAddsLikesSubtractsDislikesAndIgnores() {
        UserProfile p = new UserProfile(DAY);
        p.add(Map.of("x", 1.0, "y", 1.0), UserProfile.LIKE, T);
        p.add(Map.of("y", 1.0, "z", 1.0), UserProfile.DISLIKE, T);
        assertEquals(Map.of("x", 1.0, "z", -1.0), p.at(T), "y cancelled out");
        assertEquals(0.7071067811865475, p.cosine(Map.of("x", 1.0), T), 1e-12, "1 / (√2 · 1)");
        assertEquals(-0.7071067811865475, p.cosine(Map.of("z", 2.0), T), 1e-12);
        p.add(Map.of("x", 1.0), UserProfile.IGNORE, T);
        assertEquals(0.9, p.at(T).get("x"), 1e-12);
        assertEquals(0.45, p.at(T.plus(DAY)).get("x"), 1e-12, "decays by half a day later");
        assertEquals(0.0, p.cosine(Map.of("q", 1.0), T));
        assertEquals(0.0, p.cosine(Map.of(), T));
    }

    @Test
    void aDislikedItemIsNeverEligibleAgain() {
        SeenItems s = new SeenItems();
        s.shown("a", T);
        s.judged("a", true, T.plusSeconds(5));
        s.judged("a", false, T.plusSeconds(50));
        assertTrue(s.eligible("a", T.plusSeconds(4)), "as of before the dislike");
        assertFalse(s.eligible("a", T.plusSeconds(5)));
        assertFalse(s.eligible("a", T.plus(Duration.ofDays(3650))));
        assertTrue(s.wasShown("a", T));
        assertFalse(s.wasShown("a", T.minusMillis(1)));
        assertTrue(s.wasJudged("a", T.plusSeconds(5)));
        assertTrue(s.eligible("b", T));
    }
}
