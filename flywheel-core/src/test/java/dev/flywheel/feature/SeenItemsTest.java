package dev.flywheel.feature;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.flywheel.state.StateReader;
import dev.flywheel.state.StateWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.UnaryOperator;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/**
 * The flat seen items against a reference of three sorted maps of earliest times (what the class held
 * before it was flattened): the same answers at every time and the same bytes, in any order of updates.
 */
class SeenItemsTest {
    static final Instant T = Instant.parse("2026-11-27T10:00:00Z");

    /** Each step: an item (0–11), what happened (0 shown, 1 judged, 2 disliked), and when (ns apart). */
    @Property(tries = 300, seed = "20261204")
    void answersAndBytesAreThoseOfSortedMapsOfEarliestTimes(
            @ForAll @Size(max = 60) List<@IntRange(min = 0, max = 35_999) Integer> steps,
            @ForAll @IntRange(min = 0, max = 200) int askAt) {
        SeenItems seen = new SeenItems();
        List<Map<String, Instant>> reference = List.of(new TreeMap<>(), new TreeMap<>(), new TreeMap<>());
        for (int step : steps) {
            String item = "i" + step % 12;
            int what = step / 12 % 3;
            Instant at = T.plus(Duration.ofSeconds(step / 36 % 100, step % 7));
            if (what == 0) seen.shown(item, at);
            else seen.judged(item, what == 2, at);
            earliest(reference.get(what == 0 ? 0 : 1), item, at);
            if (what == 2) earliest(reference.get(2), item, at);
        }
        Instant ask = T.plusSeconds(askAt / 2).plusNanos(askAt % 7);
        for (int i = 0; i < 13; i++) {
            String item = "i" + i;
            assertEquals(atOrBefore(reference.get(0), item, ask), seen.wasShown(item, ask), "shown " + item);
            assertEquals(atOrBefore(reference.get(1), item, ask), seen.wasJudged(item, ask), "judged " + item);
            assertEquals(!atOrBefore(reference.get(2), item, ask), seen.eligible(item, ask), "eligible " + item);
        }
        StateWriter expected = new StateWriter();
        for (Map<String, Instant> m : reference) {
            expected.putInt(m.size());
            m.forEach((item, at) -> expected.putString(item).putInstant(at));
        }
        byte[] bytes = write(seen);
        assertArrayEquals(expected.toByteArray(), bytes, "three lists in item order, each item's earliest time");
        SeenItems read = new SeenItems();
        read.readState(new StateReader(bytes), UnaryOperator.identity());
        assertArrayEquals(bytes, write(read), "read back, written again");
    }

    private static void earliest(Map<String, Instant> m, String item, Instant at) {
        m.merge(item, at, (a, b) -> a.isBefore(b) ? a : b);
    }

    private static boolean atOrBefore(Map<String, Instant> m, String item, Instant t) {
        Instant at = m.get(item);
        return at != null && !at.isAfter(t);
    }

    private static byte[] write(SeenItems s) {
        StateWriter out = new StateWriter();
        s.writeState(out);
        return out.toByteArray();
    }
}
