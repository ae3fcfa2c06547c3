package dev.flywheel.quality;

import dev.flywheel.log.LogConsumer;
import dev.flywheel.log.LogEntry;
import dev.flywheel.state.OperatorState;
import dev.flywheel.state.StateReader;
import dev.flywheel.state.StateWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

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
 * check stops and its alert says on how many rows it judged). No event is kept, so a checkpoint holds
 * the same: the open windows' aggregates, with the watermark and the late count.
 */
public final class SuiteWindows implements LogConsumer, OperatorState {
    /** How long after a window's end its events may still arrive (clients batch and retry). */
    static final Duration GRACE = Duration.ofMinutes(2);
    private static final int STATE_VERSION = 1;
    private final EventSuite spec;
    private final ExpectationSuite windowed;
    private final AlertBoard board;
    private final long windowMillis;
    private final String stateName;
    private final TreeMap<Long, SuiteAccumulator> open = new TreeMap<>();
    private Instant watermark = Instant.EPOCH;
    private long judgedThrough = Long.MIN_VALUE;
    private long seq = -1;
    private long late;

    public SuiteWindows(EventSuite spec, AlertBoard board) {
        this(spec, board, 1);
    }

    /**
     * @param occurrence which of a topology's suites named alike ({@link #baseName}) this one is, from 1:
     *                   the configuration's order, so its checkpoint name is stable across restarts
     */
    public SuiteWindows(EventSuite spec, AlertBoard board, int occurrence) {
        if (occurrence < 1) throw new IllegalArgumentException("occurrence must be positive, got " + occurrence);
        this.stateName = occurrence == 1 ? baseName(spec) : baseName(spec) + "#" + occurrence;
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
                if (window == null) open.put(w, window = newWindow());
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

    /**
     * The suite's name, loop and event types: what tells apart suites of one configuration (a suite
     * file may be applied to several loops or event types). Its window and expectations are checked
     * by {@link #readState} instead, so an edited suite is replayed rather than misread.
     */
    public static String baseName(EventSuite spec) {
        return "suite:" + spec.suite().name() + ":" + (spec.loop() == null ? "*" : spec.loop()) + ":"
                + (spec.types().isEmpty() ? "*" : String.join(",", new TreeSet<>(spec.types())));
    }

    @Override
    public String stateName() {
        return stateName;
    }

    @Override
    public void writeState(StateWriter out) {
        out.putInt(STATE_VERSION).putStrings(layout());
        out.putInstant(watermark).putLong(judgedThrough).putLong(seq).putLong(late).putInt(open.size());
        open.forEach((w, window) -> window.writeState(out.putLong(w)));
    }

    @Override
    public void readState(StateReader in) {
        in.expectVersion(stateName, STATE_VERSION);
        if (!in.getStrings().equals(layout())) throw new IllegalStateException(stateName + ": the suite changed since the checkpoint");
        watermark = in.getInstant();
        judgedThrough = in.getLong();
        seq = in.getLong();
        late = in.getLong();
        for (int i = in.count(); i > 0; i--) {
            long w = in.getLong();
            SuiteAccumulator window = newWindow();
            window.readState(in);
            open.put(w, window);
        }
    }

    /** What the windows' state depends on: their length, the bound, each expectation and its kwargs. */
    private List<String> layout() {
        List<String> out = new ArrayList<>(List.of("window " + windowMillis + " ms", "max_rows " + spec.maxRows()));
        for (Expectation e : windowed.expectations()) out.add(e + " " + new TreeMap<>(e.kwargs()));
        return out;
    }

    private SuiteAccumulator newWindow() {
        return new SuiteAccumulator(windowed, EventSuite.COLUMNS, spec.maxRows());
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
