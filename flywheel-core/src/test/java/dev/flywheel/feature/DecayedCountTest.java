package dev.flywheel.feature;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class DecayedCountTest {
    static final Instant T = Instant.parse("2026-11-27T10:00:00Z");
    static final Duration H = Duration.ofHours(1);

    @Test
    void halvesEveryHalfLifeAndIgnoresFutureUpdates() {
        DecayedCount c = new DecayedCount(H);
        c.add(T.plus(H), 2);
        c.add(T, 1);
        assertEquals(0.0, c.valueAt(T.minusMillis(1)));
        assertEquals(0.7071067811865476, c.valueAt(T.plusSeconds(1800)), 1e-12, "1·2^−½; the 2 is in the future");
        assertEquals(2.5, c.valueAt(T.plus(H)), 1e-12);
        assertEquals(1.25, c.valueAt(T.plus(H).plus(H)), 1e-12, "1·¼ + 2·½");
    }

    @Test
    void compactionKeepsLaterValuesAndAnswersEarlierOnesAsOfTheHorizon() {
        DecayedCount c = new DecayedCount(H);
        c.add(T, 1);
        c.add(T.plus(H), 2);
        c.add(T.plus(H).plus(H), 4);
        c.compact(T.plus(H));
        assertEquals(1, c.pendingUpdates());
        assertEquals(5.25, c.valueAt(T.plus(H).plus(H)), 1e-12);
        c.add(T, 1);
        assertEquals(5.5, c.valueAt(T.plus(H).plus(H)), 1e-12, "a late update before the horizon still counts");
        assertEquals(0.5 + 2 + 0.5, c.valueAt(T.plus(H)), 1e-12, "1·½ + 2 + the late 1·½");
        assertEquals(c.valueAt(T.plus(H)), c.valueAt(T.plusSeconds(1800)), "before the horizon: as of the horizon");
    }

    /** The value "now" comes from a running sum; late updates and compaction must keep it exact. */
    @Test
    void valueAfterTheNewestUpdateStaysTheDirectSumAfterLateUpdatesAndCompaction() {
        DecayedCount c = new DecayedCount(H);
        c.add(T.plusSeconds(600), 4);
        c.add(T.plusSeconds(1200), 2);
        c.add(T, 8);                        // late: before the newest
        c.add(T.plusSeconds(1200), 1);      // same time as the newest
        assertEquals(8 * Math.pow(2, -2400 / 3600.0) + 4 * Math.pow(2, -1800 / 3600.0) + 3 * Math.pow(2, -1200 / 3600.0),
                c.valueAt(T.plusSeconds(2400)), 1e-12);
        c.compact(T.plusSeconds(600));
        assertEquals(2, c.pendingUpdates(), "the two at +1200 s");
        c.add(T.plusSeconds(1800), 16);
        assertEquals(8 * Math.pow(2, -1.0) + 4 * Math.pow(2, -5 / 6.0) + 3 * Math.pow(2, -2 / 3.0) + 16 * Math.pow(2, -0.5),
                c.valueAt(T.plus(H)), 1e-12);
        assertEquals(8 * Math.pow(2, -1 / 3.0) + 4 * Math.pow(2, -1 / 6.0) + 3, c.valueAt(T.plusSeconds(1200)), 1e-12,
                "a time between held updates still ignores the later ones");
    }

    @Test
    void refusesBadArguments() {
        assertThrows(IllegalArgumentException.class, () -> new DecayedCount(Duration.ZERO));
        assertThrows(IllegalArgumentException.class, () -> new DecayedCount(H).add(T, Double.NaN));
    }

    @Property(tries = 200, seed = "20261127")
    void anyArrivalOrderGivesTheDirectSum(@ForAll @Size(max = 30) List<@IntRange(min = 0, max = 600) Integer> minutes,
                                          @ForAll @IntRange(min = 0, max = 700) int askAt, @ForAll long seed) {
        List<Integer> shuffled = new ArrayList<>(minutes);
        Collections.shuffle(shuffled, new Random(seed));
        DecayedCount c = new DecayedCount(H);
        for (int m : shuffled) c.add(T.plusSeconds(60L * m), m % 3 + 1);
        double expected = 0;
        for (int m : minutes) {
            if (m <= askAt) expected += (m % 3 + 1) * Math.pow(2, -(askAt - m) / 60.0);
        }
        assertEquals(expected, c.valueAt(T.plusSeconds(60L * askAt)), 1e-9);
    }

    /**
     * One user's share of an item's count, kept beside it and compacted at its own horizon, taken out
     * of the item's: what is left equals the count of everyone else's updates, compacted or not.
     */
    @Property(tries = 200, seed = "20261128")
    void subtractingAPartLeavesTheCountOfTheRest(@ForAll @Size(max = 40) List<@IntRange(min = 0, max = 600) Integer> minutes,
                                                 @ForAll @IntRange(min = 0, max = 600) int wholeHorizon,
                                                 @ForAll @IntRange(min = 0, max = 600) int partHorizon,
                                                 @ForAll @IntRange(min = 0, max = 100) int askAfter) {
        DecayedCount whole = new DecayedCount(H);
        DecayedCount part = new DecayedCount(H);
        DecayedCount rest = new DecayedCount(H);
        for (int i = 0; i < minutes.size(); i++) {
            Instant at = T.plusSeconds(60L * minutes.get(i));
            whole.add(at, i % 3 + 1);
            (i % 2 == 0 ? part : rest).add(at, i % 3 + 1);
        }
        whole.compact(T.plusSeconds(60L * wholeHorizon));
        rest.compact(T.plusSeconds(60L * wholeHorizon));
        part.compact(T.plusSeconds(60L * partHorizon));
        whole.subtract(part);
        Instant ask = T.plusSeconds(60L * (Math.max(wholeHorizon, partHorizon) + askAfter));
        assertEquals(rest.valueAt(ask), whole.valueAt(ask), 1e-9);
        assertEquals(rest.countAt(ask), whole.countAt(ask), 1e-9);
        assertTrue(whole.countAt(ask) >= 0, "rounding left where only the part counted reads 0");
    }

    /**
     * Compaction takes the folded updates out of the running sum instead of summing the kept ones again:
     * over a long stream compacted every minute (as the features do), the value now must stay the direct
     * sum, not drift by the rounding of thousands of subtractions.
     */
    @Property(tries = 50, seed = "20261202")
    void manyCompactionsLeaveTheDirectSum(@ForAll @IntRange(min = 1, max = 4000) int updates, @ForAll long seed) {
        Random r = new Random(seed);
        DecayedCount c = new DecayedCount(Duration.ofMinutes(30));
        List<long[]> all = new ArrayList<>(); // {millis after T, weight}
        long now = 0;
        long horizon = -1;
        for (int i = 0; i < updates; i++) {
            now += r.nextInt(2_000);
            long at = Math.max(horizon + 1, now - r.nextInt(60_000)); // late by up to a minute, never before the base
            int w = 1 + r.nextInt(3);
            c.add(T.plusMillis(at), w);
            all.add(new long[] {at, w});
            if (r.nextInt(30) == 0 && now - 32 * 60_000L > horizon) {
                horizon = now - 32 * 60_000L;
                c.compact(T.plusMillis(horizon));
            }
        }
        double direct = 0;
        for (long[] u : all) direct += u[1] * Math.pow(2, -(now - u[0]) / (30 * 60_000.0));
        assertEquals(direct, c.valueAt(T.plusMillis(now)), Math.abs(direct) * 1e-12 + 1e-12);
        if (horizon >= 0) {
            long mid = (horizon + now) / 2;
            double atMid = 0;
            for (long[] u : all) if (u[0] <= mid) atMid += u[1] * Math.pow(2, -(mid - u[0]) / (30 * 60_000.0));
            assertEquals(atMid, c.valueAt(T.plusMillis(mid)), Math.abs(atMid) * 1e-12 + 1e-12, "between the horizon and now");
        }
    }

    /** Negative weights (a part subtracted) make the running sum summed again at compaction, not reduced. */
    @Test
    void compactionWithNegativeWeightsKeepsTheDirectSum() {
        DecayedCount c = new DecayedCount(H);
        c.add(T, 1e6);
        c.add(T.plusSeconds(1), -1e6);
        c.add(T.plusSeconds(7200), 1e-3);
        c.compact(T.plusSeconds(3600));
        double expected = 1e6 * Math.pow(2, -3.0) - 1e6 * Math.pow(2, -7199 / 3600.0) * Math.pow(2, -3600 / 3600.0) + 1e-3 * Math.pow(2, -1.0);
        assertEquals(expected, c.valueAt(T.plusSeconds(10800)), 1e-6);
        assertEquals(1, c.pendingUpdates());
    }
}
