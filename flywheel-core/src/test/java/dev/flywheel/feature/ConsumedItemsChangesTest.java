package dev.flywheel.feature;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.flywheel.event.Event;
import dev.flywheel.log.LogEntry;
import dev.flywheel.state.Resumption;
import dev.flywheel.state.StateReader;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The consumed items' change feed: a drain hands on each user whose items changed since the last
 * one, with all of the user's items (those restored from a checkpoint too), in user order, as of the
 * position given; what other loops or other types name is no change.
 */
class ConsumedItemsChangesTest {
    private static final Instant T = Instant.parse("2026-12-01T00:00:00Z");
    private long seq;

    private LogEntry event(String user, String type, String item, String loop, int second) {
        seq++;
        return new LogEntry.EventEntry(seq, seq, new Event("e" + seq, type, T.plusSeconds(second), user, null, null, loop, item, null, null));
    }

    @Test
    void aDrainHandsOnEachChangedUserWithAllTheirItems() {
        ConsumedItems before = new ConsumedItems("feed", Set.of("like", "dislike"));
        Resumption.feed(before, List.of(event("u1", "like", "a", "feed", 10), event("u2", "like", "b", null, 20)));
        ConsumedItems items = new ConsumedItems("feed", Set.of("like", "dislike"));
        items.readState(new StateReader(Resumption.bytes(before)));
        assertThrows(IllegalStateException.class, () -> items.drainChanges(1, false), "not tracked");
        items.trackChanges();
        Resumption.feed(items, List.of(event("u1", "dislike", "c", "feed", 30), event("u1", "like", "a", "feed", 5),
                event("u3", "like", "d", "other", 40), event("u3", "click", "d", "feed", 40), event("u0", "like", "e", "feed", 50)));
        List<ServingStateBatch.PerUser> drained = items.drainChanges(7, true);
        assertEquals(List.of("u0", "u1"), drained.stream().map(ServingStateBatch.PerUser::user).toList());
        ServingStateBatch.PerUser u1 = drained.get(1);
        assertEquals(List.of("feed", 7L, true), List.of(u1.loop(), u1.seq(), u1.afterIdle()));
        assertEquals(Map.of("a", T.plusSeconds(5), "c", T.plusSeconds(30)), ConsumedItems.decode(u1.bytes()),
                "the restored item with its earlier time, and the new one");
        assertEquals(List.of(), items.drainChanges(8, false), "nothing changed since");
        assertEquals(Set.of("b"), items.consumedBy("u2", T.plusSeconds(100)), "an unchanged user stays as restored");
    }
}
