package dev.flywheel.store.duckdb;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.flywheel.analysis.Slate;
import dev.flywheel.decision.Decision;
import dev.flywheel.decision.ServedItem;
import dev.flywheel.event.Event;
import dev.flywheel.log.LogEntry;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** OPE rewards on the store count a reaction only up to the decision time plus the window, inclusive. */
class OpeRewardWindowTest {
    private static final Instant T0 = Instant.parse("2026-11-01T00:00:00Z");
    private static final Duration WINDOW = Duration.ofMinutes(30);
    @TempDir
    Path dir;
    private final List<LogEntry> entries = new ArrayList<>();

    @Test
    void reactionsAfterTheWindowEndDoNotCount() throws Exception {
        decide("d0", T0, "x", "y", "z");
        decide("d1", T0.plusSeconds(60), "x", "y", "z");
        event("like", "d0", "x", T0.plus(WINDOW));                 // at the end: counts
        event("click", "d0", "y", T0.plus(WINDOW).plusMillis(1));  // just after: late
        event("like", "d0", "z", T0.minusSeconds(5));               // before the decision, by id: counts
        event("like", "d1", "x", T0.plus(WINDOW));                 // d1's window ends a minute later: counts
        event("like", "d1", "y", T0.plusSeconds(60).plus(WINDOW).plusSeconds(1)); // late
        event("dislike", "d1", "z", T0.plusSeconds(61));            // not a reward type
        event("like", "d1", "w", T0.plusSeconds(61));               // an item d1 did not serve
        List<Slate> slates = slates(WINDOW);
        assertEquals(2, slates.size());
        assertArrayEquals(new double[] {1, 0, 1}, slates.get(0).rewards());
        assertArrayEquals(new double[] {1, 0, 0}, slates.get(1).rewards());
        // a window of a day takes both late reactions in
        List<Slate> day = slates(Duration.ofDays(1));
        assertArrayEquals(new double[] {1, 1, 1}, day.get(0).rewards());
        assertArrayEquals(new double[] {1, 1, 0}, day.get(1).rewards());
    }

    @Test
    void originsCarryUserTimeAndCandidates() throws Exception {
        decide("d0", T0.plusMillis(1500), "x", "y");
        List<Slate> out = new ArrayList<>();
        try (DuckDbRecordStore store = new DuckDbRecordStore(dir.resolve("store.duckdb"))) {
            store.apply(entries);
            try (Connection c = store.connect()) {
                DuckDbOpeSource.slates(c, "feed", List.of("like"), WINDOW, true, out::add);
            }
        }
        assertEquals(new Slate.Origin("u1", T0.plusMillis(1500), List.of("x", "y", "w")), out.get(0).origin());
    }

    @Test
    void aWindowIsRequired() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> slates(Duration.ZERO));
        assertEquals(true, e.getMessage().startsWith("--window"), e.getMessage());
    }

    private List<Slate> slates(Duration window) throws Exception {
        try (DuckDbRecordStore store = new DuckDbRecordStore(dir.resolve("store.duckdb"))) {
            store.apply(entries);
            entries.clear();
            List<Slate> out = new ArrayList<>();
            try (Connection c = store.connect()) {
                DuckDbOpeSource.slates(c, "feed", List.of("like", "click"), window, out::add);
            }
            return out;
        }
    }

    private void decide(String id, Instant at, String... items) {
        List<ServedItem> served = new ArrayList<>();
        for (int i = 0; i < items.length; i++) {
            served.add(new ServedItem(items[i], i + 1, 0.5, 0.25));
        }
        entries.add(new LogEntry.DecisionEntry(entries.size(), 0, new Decision(id, "feed", "u1", at, "m", "A", served,
                List.of("x", "y", "w"), null)));
    }

    private void event(String type, String decision, String item, Instant at) {
        entries.add(new LogEntry.EventEntry(entries.size(), 0, new Event("e" + entries.size(), type, at, "u1", null,
                decision, "feed", item, null, null)));
    }
}
