package dev.flywheel.quality;

import dev.flywheel.log.LogConsumer;
import dev.flywheel.log.LogEntry;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Judges the window-level expectations of one {@link EventSuite} on the stream: the events it judges
 * are folded, per tumbling window of event time, into running aggregates ({@link SuiteAccumulator}:
 * the result {@link SuiteValidator} would give on the window's rows, GX's semantics, without keeping
 * them), and once event time has passed a window's end by {@link #GRACE} each expectation that fails
 * raises an alert ({@code monitor: expectation}). Row-level expectations of a quarantining suite are
 * left out: the rows that broke them were refused at the door.
 *
 * <p>Memory per open window (the current one and those within the grace): a few counters and 20
 * unexpected values per expectation, and per uniqueness or distinct-count expectation an exact hash set
 * of at most {@code max_rows} values (past it, a 16 KB HyperLogLog for a distinct count; a uniqueness
 * check stops and its alert says on how many rows it judged). No event is kept.
 */
public final class SuiteWindows implements LogConsumer {
    /** How long after a window's end its events may still arrive (clients batch and retry). */
    static final Duration GRACE = Duration.ofMinutes(2);
    private final EventSuite spec;
    private final ExpectationSuite windowed;
    private final AlertBoard board;
    private final long windowMillis;
    private final TreeMap<Long, SuiteAccumulator> open = new TreeMap<>();
    private Instant watermark = Instant.EPOCH;
    private long judgedThrough = Long.MIN_VALUE;
    private long seq = -1;
    private long late;

    public SuiteWindows(EventSuite spec, AlertBoard board) {
        this.spec = spec;
        this.board = board;
        this.windowMillis = spec.window().toMillis();
        ExpectationSuite s = spec.suite();
        this.windowed = spec.quarantine()
                ? new ExpectationSuite(s.name(), s.expectations().stream().filter(e -> !e.rowLevel()).toList(), s.meta())
                : s;
    }

    /** Whether the suite has anything to judge per window. */
    public static boolean needed(EventSuite spec) {
        return !spec.quarantine() || spec.suite().expectations().stream().anyMatch(e -> !e.rowLevel());
    }


    @Override
    public void accept(LogEntry entry) {
        seq = entry.seq();
        if (entry instanceof LogEntry.EventEntry e && spec.judges(e.event())) {
            long w = Math.floorDiv(e.event().timestamp().toEpochMilli(), windowMillis);
            if (w <= judgedThrough) {
                late++;
            } else {
                SuiteAccumulator window = open.get(w);
                if (window == null) open.put(w, window = new SuiteAccumulator(windowed, EventSuite.COLUMNS, spec.maxRows()));
                window.add(EventSuite.row(e.event()));
            }
        }
        Instant t = entry.timestamp();
        if (t != null && t.isAfter(watermark)) {
            watermark = t;
            judgeEndedBefore(watermark.minus(GRACE));
        }
    }

    /** A quiet log: windows that have ended are judged without waiting for the grace. */
    @Override
    public void idle() {
        judgeEndedBefore(watermark);
    }

    /** Events that arrived after their window was judged. */
    public long late() {
        return late;
    }

    private void judgeEndedBefore(Instant t) {
        while (!open.isEmpty() && !Instant.ofEpochMilli((open.firstKey() + 1) * windowMillis).isAfter(t)) {
            Map.Entry<Long, SuiteAccumulator> w = open.pollFirstEntry();
            judge(w.getKey(), w.getValue());
            judgedThrough = w.getKey();
        }
    }

    private void judge(long w, SuiteAccumulator window) {
        SuiteResult result = window.result();
        Instant start = Instant.ofEpochMilli(w * windowMillis);
        Instant end = Instant.ofEpochMilli((w + 1) * windowMillis);
        for (ExpectationResult r : result.results()) {
            if (r.success()) continue;
            Expectation e = r.expectation();
            double value = r.observedValue() instanceof Number n ? n.doubleValue()
                    : r.unexpectedPercent() != null ? r.unexpectedPercent() : Double.NaN;
            double threshold = e.columnMap() ? e.mostly() : Double.NaN;
            board.raise(new Alert(0, spec.loop() == null ? "*" : spec.loop(), "expectation", start, end, e.toString(), value,
                    threshold, describe(r, window), List.of(), List.of(), seq));
        }
    }

    private String describe(ExpectationResult r, SuiteAccumulator window) {
        String what = r.problem() != null ? r.problem()
                : r.expectation().columnMap() ? r.unexpectedCount() + " unexpected of " + (r.elementCount() - r.missingCount())
                        + (r.partialUnexpectedList().isEmpty() ? "" : ", e.g. " + r.partialUnexpectedList().subList(0, Math.min(3, r.partialUnexpectedList().size())))
                : "observed " + r.observedValue() + " against " + new TreeMap<>(r.expectation().kwargs());
        String caveat = window.caveat(r.expectation());
        return "suite " + spec.suite().name() + ": " + what + (caveat == null ? "" : " (" + caveat + ")");
    }
}
