package dev.flywheel.quality;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flywheel.catalog.Catalog;
import dev.flywheel.event.Event;
import dev.flywheel.log.LogConsumer;
import dev.flywheel.log.LogEntry;
import dev.flywheel.state.Checkpoint;
import dev.flywheel.state.OperatorState;
import dev.flywheel.state.Resumption;
import dev.flywheel.state.StateReader;
import dev.flywheel.state.StateWriter;
import dev.flywheel.topology.Topology;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * An event suite's windows checkpointed with their alert board at cuts before, between and inside
 * windows (one of them past {@code max_rows}, with the distinct counts in their HyperLogLog and the
 * uniqueness checks stopped), with windows still in their grace and late events: the same state byte
 * for byte and the same alerts as a straight run.
 */
class SuiteWindowsResumptionTest {
    private static final Instant T0 = Instant.parse("2026-05-04T10:00:00Z");
    private static final int MAX_ROWS = 15;
    /** Counted, not quarantined: the row-level expectations are judged per window too. */
    private static final EventSuite SPEC = new EventSuite(suite(), Set.of(), "feed", Duration.ofMinutes(10), false, MAX_ROWS);

    /** Every expectation type, one on a column the rows lack and a mean over text; times among the unexpected values. */
    private static ExpectationSuite suite() {
        List<Object[]> es = List.of(
                new Object[] {"expect_column_values_to_not_be_null", Map.of("column", "session", "mostly", 0.7)},
                new Object[] {"expect_column_values_to_be_null", Map.of("column", "decision", "mostly", 0.9)},
                new Object[] {"expect_column_values_to_be_between", Map.of("column", "value", "min_value", 0, "max_value", 60)},
                new Object[] {"expect_column_values_to_be_in_set", Map.of("column", "type", "value_set", List.of("click", "dwell"))},
                new Object[] {"expect_column_values_to_not_be_in_set", Map.of("column", "item", "value_set", List.of("i13"))},
                new Object[] {"expect_column_values_to_match_regex", Map.of("column", "user", "regex", "^u[0-9]$")},
                new Object[] {"expect_column_values_to_be_of_type", Map.of("column", "value", "type_", "int")},
                new Object[] {"expect_column_values_to_be_in_type_list", Map.of("column", "timestamp", "type_list", List.of("str", "int"))},
                new Object[] {"expect_column_values_to_not_be_null", Map.of("column", "props")},
                new Object[] {"expect_column_to_exist", Map.of("column", "props")},
                new Object[] {"expect_table_row_count_to_be_between", Map.of("min_value", 5, "max_value", 25)},
                new Object[] {"expect_column_values_to_be_unique", Map.of("column", "id")},
                new Object[] {"expect_column_values_to_be_unique", Map.of("column", "user", "mostly", 0.5)},
                new Object[] {"expect_column_proportion_of_unique_values_to_be_between", Map.of("column", "user", "min_value", 0.7)},
                new Object[] {"expect_column_unique_value_count_to_be_between", Map.of("column", "user", "max_value", 12)},
                new Object[] {"expect_column_mean_to_be_between", Map.of("column", "value", "max_value", 20)},
                new Object[] {"expect_column_mean_to_be_between", Map.of("column", "item", "max_value", 20)});
        List<Expectation> out = new ArrayList<>();
        for (Object[] e : es) {
            @SuppressWarnings("unchecked") Map<String, Object> kwargs = (Map<String, Object>) e[1];
            out.add(new Expectation(out.size(), (String) e[0], kwargs));
        }
        return new ExpectationSuite("feed-events", out, Map.of());
    }

    /** The suite's windows and the board their alerts go to, checkpointed together as the runner does. */
    static final class Pipeline implements LogConsumer, OperatorState {
        final AlertBoard board = new AlertBoard();
        final SuiteWindows windows;

        Pipeline(EventSuite spec) {
            windows = new SuiteWindows(spec, board);
        }

        @Override
        public void accept(LogEntry e) {
            windows.accept(e);
        }

        @Override
        public void idle() {
            windows.idle();
        }

        @Override
        public String stateName() {
            return "pipeline";
        }

        @Override
        public void writeState(StateWriter out) {
            windows.writeState(out);
            board.writeState(out);
        }

        @Override
        public void readState(StateReader in) {
            windows.readState(in);
            board.readState(in);
        }
    }

    /**
     * Three hours: a busy hour (many users, past {@code max_rows}), a quiet one (few users, repeats),
     * a busy one; one event in eight arrives up to 15 minutes behind, within the grace or late.
     */
    static List<LogEntry> log() {
        Random r = new Random(11);
        List<LogEntry> out = new ArrayList<>();
        Instant t = T0;
        for (int i = 0; t.isBefore(T0.plus(Duration.ofHours(3))); i++) {
            boolean quiet = t.isAfter(T0.plus(Duration.ofHours(1))) && t.isBefore(T0.plus(Duration.ofHours(2)));
            t = t.plusSeconds(quiet ? 40 + r.nextInt(60) : 5 + r.nextInt(20));
            Instant at = r.nextInt(8) == 0 ? t.minusSeconds(r.nextInt(900)) : t;
            String user = "u" + r.nextInt(quiet ? 6 : 40);
            String id = r.nextInt(25) == 0 ? "e" + Math.max(0, i - r.nextInt(5)) : "e" + i;
            String type = List.of("click", "click", "dwell", "purchase", "like").get(r.nextInt(5));
            Double value = type.equals("dwell") ? Double.valueOf(r.nextInt(90) + 0.5)
                    : type.equals("purchase") ? Double.valueOf(r.nextInt(30)) : null;
            String loop = r.nextInt(10) == 0 ? null : r.nextInt(12) == 0 ? "other" : "feed";
            out.add(new LogEntry.EventEntry(out.size(), out.size(), new Event(id, type, at, user,
                    r.nextInt(4) == 0 ? null : "s" + user, r.nextInt(6) == 0 ? "d" + i : null, loop,
                    "i" + r.nextInt(15), value, null)));
        }
        return out;
    }

    @Test
    void resumedAnywhereTheWindowsEndAsAStraightRunWithTheSameAlerts() {
        List<LogEntry> log = log();
        Pipeline straight = new Pipeline(SPEC);
        Resumption.feed(straight, log);
        straight.idle();
        List<Alert> alerts = straight.board.list(null, null, 0);
        assertWorldExercisesEveryPath(straight, alerts);
        Random r = new Random(3);
        List<Integer> cuts = new ArrayList<>(List.of(0, 1, log.size() / 6, log.size() / 2, log.size() - 1, log.size()));
        for (int i = 0; i < 6; i++) cuts.add(r.nextInt(log.size()));
        for (int cut : cuts) {
            Resumption.assertResumesExactly(() -> new Pipeline(SPEC), log, cut);
            Pipeline before = new Pipeline(SPEC);
            Resumption.feed(before, log.subList(0, cut));
            Pipeline resumed = new Pipeline(SPEC);
            resumed.readState(new StateReader(Resumption.bytes(before)));
            Resumption.feed(resumed, log.subList(cut, log.size()));
            resumed.idle();
            assertEquals(alerts, resumed.board.list(null, null, 0), "cut at " + cut);
            assertEquals(straight.windows.late(), resumed.windows.late(), "cut at " + cut);
        }
    }

    private static void assertWorldExercisesEveryPath(Pipeline straight, List<Alert> alerts) {
        assertTrue(straight.windows.late() > 0, "the test world must have late events");
        assertTrue(alerts.stream().anyMatch(a -> a.detail().contains("HyperLogLog")), "no distinct count past max_rows");
        assertTrue(alerts.stream().anyMatch(a -> a.detail().contains("uniqueness judged on the first")), "no full uniqueness set");
        assertTrue(alerts.stream().anyMatch(a -> a.statistic().contains("to_be_unique(user)") && !a.detail().contains("judged on")),
                "no uniqueness failing below max_rows");
        assertTrue(alerts.stream().anyMatch(a -> a.detail().contains("non-numeric")), "no mean over text");
        for (Expectation e : SPEC.suite().expectations()) {
            if (e.type().equals("expect_column_values_to_be_unique")) continue;
            assertTrue(alerts.stream().anyMatch(a -> a.statistic().equals(e.toString())), e + " never failed: every slot must hold something");
        }
    }

    @Test
    void aStateOfAnEditedSuiteIsRefusedSoTheLogIsReplayed() {
        Pipeline before = new Pipeline(SPEC);
        Resumption.feed(before, log().subList(0, 100));
        StateWriter w = new StateWriter();
        before.windows.writeState(w);
        EventSuite shorter = new EventSuite(SPEC.suite(), Set.of(), "feed", Duration.ofMinutes(5), false, MAX_ROWS);
        EventSuite bounded = new EventSuite(SPEC.suite(), Set.of(), "feed", SPEC.window(), false, MAX_ROWS + 1);
        for (EventSuite edited : List.of(shorter, bounded)) {
            SuiteWindows fresh = new SuiteWindows(edited, new AlertBoard());
            assertEquals(new SuiteWindows(SPEC, new AlertBoard()).stateName(), fresh.stateName());
            assertThrows(IllegalStateException.class, () -> fresh.readState(new StateReader(w.toByteArray())));
        }
    }

    @Test
    void suitesOfOneConfigurationHaveTheirOwnStableNames() {
        SuiteWindows feed = new SuiteWindows(SPEC, new AlertBoard());
        assertEquals("suite:feed-events:feed:*", feed.stateName());
        EventSuite clicks = new EventSuite(SPEC.suite(), Set.of("like", "click"), null, SPEC.window(), true, MAX_ROWS);
        assertEquals("suite:feed-events:*:click,like", new SuiteWindows(clicks, new AlertBoard()).stateName());
        assertEquals("suite:feed-events:feed:*#2", new SuiteWindows(SPEC, new AlertBoard(), 2).stateName());
        assertNotEquals(feed.stateName(), new SuiteWindows(SPEC, new AlertBoard(), 2).stateName());
    }

    @Test
    void aTopologyNumbersItsSuitesNamedAlikeSoItsCheckpointCanBeTaken() {
        Topology t = Topology.build(List.of(), new Catalog(), null, false, null, List.of(SPEC, SPEC));
        Set<String> names = Checkpoint.names(t.operators());
        assertTrue(names.containsAll(Set.of("suite:feed-events:feed:*", "suite:feed-events:feed:*#2")), names.toString());
        assertEquals(names, Checkpoint.of(0, Instant.EPOCH, t.operators()).states().keySet());
    }
}
