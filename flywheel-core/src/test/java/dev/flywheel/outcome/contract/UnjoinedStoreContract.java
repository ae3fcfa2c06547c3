package dev.flywheel.outcome.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.flywheel.event.Event;
import dev.flywheel.outcome.Unjoined;
import dev.flywheel.outcome.UnjoinedStore;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What every {@link UnjoinedStore} adapter must do: keep each event whole with its reason. */
public abstract class UnjoinedStoreContract {
    static final Instant T = Instant.parse("2026-11-01T10:00:00Z");

    /** The store of this test: empty when first opened, the same rows when opened again. */
    protected abstract UnjoinedStore open();

    @Test
    void unjoinedFeedbackComesBackWholeWithItsReasonAndIsCounted() {
        UnjoinedStore s = open();
        Unjoined late = new Unjoined(new Event("e1", "like", T.plusSeconds(5), "u1", "s1", "d1", "feed", "x", null, "{\"a\":1}"),
                Unjoined.Reason.LATE, "d1");
        Unjoined orphan = new Unjoined(new Event("e2", "dwell", T, "u2", null, null, null, "y", 12.5, null),
                Unjoined.Reason.ORPHAN, null);
        s.append(List.of(late, orphan));
        assertEquals(Map.of(Unjoined.Reason.LATE, 1L, Unjoined.Reason.ORPHAN, 1L), s.counts());
        assertEquals(List.of(orphan, late), s.query(null, 10), "oldest first");
        assertEquals(List.of(late), s.query(Unjoined.Reason.LATE, 10));
        UnjoinedStore again = open();
        again.keepFirst(1);
        assertEquals(List.of(late), again.query(null, 10), "the first appended is kept across a restart");
        again.keepFirst(0);
        assertEquals(0L, again.counts().getOrDefault(Unjoined.Reason.LATE, 0L));
    }
}
