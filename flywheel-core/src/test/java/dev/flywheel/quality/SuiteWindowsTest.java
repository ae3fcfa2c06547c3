package dev.flywheel.quality;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flywheel.event.Event;
import dev.flywheel.log.LogEntry;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * A window of the stream judged from running aggregates: every event counts however busy the window,
 * and the expectations that keep distinct values say when {@code max_rows} cut them short.
 */
class SuiteWindowsTest {
    private static final Instant T0 = Instant.parse("2026-05-04T10:00:00Z");

    private static Expectation expectation(int i, String type, Map<String, Object> kwargs) {
        return new Expectation(i, type, kwargs);
    }

    /** {@code events} clicks in the hour from T0 (id, user), then one three hours later closing it. */
    private static List<Alert> judge(List<Expectation> expectations, int maxRows, List<String[]> events) {
        EventSuite spec = new EventSuite(new ExpectationSuite("s", expectations, Map.of()), Set.of(), null,
                Duration.ofHours(1), true, maxRows);
        AlertBoard board = new AlertBoard();
        SuiteWindows windows = new SuiteWindows(spec, board);
        long seq = 0;
        for (String[] e : events) {
            windows.accept(new LogEntry.EventEntry(seq, 0, click(e[0], e[1], T0.plusSeconds(seq++))));
        }
        windows.accept(new LogEntry.EventEntry(seq, 0, click("late", "u0", T0.plusSeconds(3 * 3600))));
        windows.idle();
        return board.list(null, null, 0).stream().filter(a -> a.windowStart().equals(T0)).toList();
    }

    private static Event click(String id, String user, Instant at) {
        return new Event(id, "click", at, user, null, null, null, "i1", null, null);
    }

    private static List<String[]> events(int n, int users) {
        List<String[]> out = new ArrayList<>();
        for (int i = 0; i < n; i++) out.add(new String[] {"e" + i, "u" + (i % users)});
        return out;
    }

    @Test
    void everyEventOfABusyWindowCountsPastMaxRows() {
        List<Alert> alerts = judge(List.of(expectation(0, "expect_table_row_count_to_be_between", Map.of("max_value", 40))),
                10, events(50, 5));
        assertEquals(1, alerts.size());
        assertEquals(50.0, alerts.get(0).value());
        assertFalse(alerts.get(0).detail().contains("judged on"), alerts.get(0).detail());
    }

    @Test
    void aDistinctCountPastMaxRowsIsEstimatedAndSaysSo() {
        List<Alert> alerts = judge(List.of(expectation(0, "expect_column_unique_value_count_to_be_between",
                Map.of("column", "user", "max_value", 20))), 10, events(60, 30));
        assertEquals(1, alerts.size());
        assertEquals(30.0, alerts.get(0).value(), 1.0);
        assertTrue(alerts.get(0).detail().contains("HyperLogLog"), alerts.get(0).detail());
    }

    @Test
    void uniquenessPastMaxRowsSaysOnHowManyEventsItJudged() {
        List<String[]> events = events(30, 30);
        events.set(3, new String[] {"e0", "u3"}); // a repeated id among the first events
        List<Alert> alerts = judge(List.of(expectation(0, "expect_column_values_to_be_unique", Map.of("column", "id"))),
                10, events);
        assertEquals(1, alerts.size());
        assertEquals("suite s: 2 unexpected of 11, e.g. [e0, e0] (uniqueness judged on the first 11 of 30 rows"
                + " (an exact set of at most 10 distinct values))", alerts.get(0).detail());
    }

    @Test
    void anEventIsSeenAsTheRowOfItsFieldsWithATimestampInUtc() {
        Event e = new Event("e1", "dwell", T0, "u1", null, "d1", "feed", "i1", 12.5, null);
        Map<String, Object> expected = new LinkedHashMap<>();
        expected.put("id", "e1");
        expected.put("type", "dwell");
        expected.put("timestamp", OffsetDateTime.ofInstant(T0, ZoneOffset.UTC));
        expected.put("user", "u1");
        expected.put("session", null);
        expected.put("decision", "d1");
        expected.put("loop", "feed");
        expected.put("item", "i1");
        expected.put("value", 12.5);
        Map<String, Object> row = EventSuite.row(e);
        assertEquals(expected, row);
        assertEquals(EventSuite.COLUMNS, List.copyOf(row.keySet()));
        assertTrue(row.containsKey("session"));
        assertNull(row.get("props"));
        assertFalse(row.containsKey("props"));
    }
}
