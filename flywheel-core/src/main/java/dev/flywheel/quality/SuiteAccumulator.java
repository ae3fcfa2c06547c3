package dev.flywheel.quality;

import dev.flywheel.quality.internal.MapRule;
import dev.flywheel.quality.internal.MapTally;
import dev.flywheel.quality.internal.TableRule;
import dev.flywheel.state.StateReader;
import dev.flywheel.state.StateWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A suite run over rows fed one at a time, from running aggregates instead of the rows: how
 * {@link SuiteWindows} judges a window of the stream without keeping it. Fed a batch's rows, its
 * result is {@link SuiteValidator}'s on that batch (a property test holds them together), save that
 * {@code unexpectedRows} lists only the rows of the partial list, and that past {@code bound} distinct
 * values of a column, distinct counts are estimated (HyperLogLog) and uniqueness is judged on the rows
 * before the value that overflowed; {@link #caveat} says when.
 *
 * <p>Memory, however many rows: per expectation a few counters and the first
 * {@value ExpectationResult#PARTIAL_LIST_SIZE} unexpected values, plus for uniqueness and distinct counts
 * an exact hash set of at most {@code bound} values (the distinct counts then a 16 KB sketch instead).
 * Every expectation type has such an aggregate: none keeps a sample of rows.
 */
public final class SuiteAccumulator {
    private final ExpectationSuite suite;
    private final List<String> columns;
    private final Slot[] slots;
    private long rows;

    /**
     * One expectation's running state: a map rule's tally or a statistic, neither for a map rule whose
     * column the rows lack; {@code read} is the column fed to it, null for none.
     */
    private record Slot(Expectation expectation, String read, MapTally tally, TableRule.Accumulator statistic) {
    }

    /**
     * @param columns the rows' columns ({@code expect_column_to_exist} and missing columns are judged by them)
     * @param bound   the most distinct values kept exactly per expectation that needs them
     */
    public SuiteAccumulator(ExpectationSuite suite, List<String> columns, int bound) {
        if (bound < 1) throw new IllegalArgumentException("bound must be positive, got " + bound);
        this.suite = suite;
        this.columns = List.copyOf(columns);
        this.slots = suite.expectations().stream().map(e -> slot(e, bound)).toArray(Slot[]::new);
    }

    private Slot slot(Expectation e, int bound) {
        if (e.rule() instanceof MapRule m) {
            return columns.contains(m.column())
                    ? new Slot(e, m.column(), m.tally(ExpectationResult.PARTIAL_LIST_SIZE, bound), null)
                    : new Slot(e, null, null, null);
        }
        TableRule t = (TableRule) e.rule();
        return new Slot(e, t.column() != null && columns.contains(t.column()) ? t.column() : null, null,
                t.accumulator(columns, bound));
    }

    /** The next row: each expectation reads its column ({@code row} may be a view computing values on demand). */
    public void add(Map<String, ?> row) {
        rows++;
        for (Slot s : slots) {
            Object v = s.read == null ? null : row.get(s.read);
            if (s.tally != null) {
                s.tally.add(v);
            } else if (s.statistic != null) {
                s.statistic.add(v);
            }
        }
    }

    /** The rows added. */
    public long rows() {
        return rows;
    }

    /** The results so far, in suite order. */
    public SuiteResult result() {
        List<ExpectationResult> results = new ArrayList<>(slots.length);
        for (Slot s : slots) results.add(result(s));
        return new SuiteResult(suite.name(), results.stream().allMatch(ExpectationResult::success), results);
    }

    private ExpectationResult result(Slot s) {
        Expectation e = s.expectation;
        if (s.tally != null) {
            MapTally t = s.tally;
            return SuiteValidator.mapResult(e, t.rows(), t.missing(), t.counted(), t.unexpected(),
                    t.partialUnexpected(), t.unexpectedRows());
        }
        if (s.statistic != null) {
            TableRule.Observation o = s.statistic.observe();
            return new ExpectationResult(e, o.success(), rows, 0, 0, null, List.of(), List.of(), o.observedValue(), o.problem());
        }
        return ExpectationResult.failed(e, rows, "column '" + e.column() + "' not found; columns are " + columns);
    }

    /**
     * The rows and each expectation's aggregates, in suite order, each behind a mark of what the slot
     * holds, so a state read into an accumulator of another suite fails rather than misreads.
     */
    void writeState(StateWriter out) {
        out.putLong(rows).putInt(slots.length);
        for (Slot s : slots) {
            out.putInt(kind(s));
            if (s.tally != null) s.tally.writeState(out);
            if (s.statistic != null) s.statistic.writeState(out);
        }
    }

    /** Restores what {@link #writeState} wrote into an accumulator just made for the same suite, columns and bound. */
    void readState(StateReader in) {
        rows = in.getLong();
        if (in.count() != slots.length) throw new IllegalStateException("a window state of another suite");
        for (Slot s : slots) {
            if (in.getInt() != kind(s)) throw new IllegalStateException("a window state of another suite at " + s.expectation);
            if (s.tally != null) s.tally.readState(in);
            if (s.statistic != null) s.statistic.readState(in);
        }
    }

    private static int kind(Slot s) {
        return s.tally != null ? 1 : s.statistic != null ? 2 : 0;
    }

    /** Why {@code e}'s result is not over every row exactly (an estimate, a judged prefix), or null. */
    public String caveat(Expectation e) {
        for (Slot s : slots) {
            if (!s.expectation.equals(e)) continue;
            return s.tally != null ? s.tally.caveat() : s.statistic != null ? s.statistic.caveat() : null;
        }
        return null;
    }
}
