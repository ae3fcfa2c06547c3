package dev.flywheel.quality;

import dev.flywheel.config.ConfigException;
import dev.flywheel.config.ConfigTree;
import dev.flywheel.event.Event;
import dev.flywheel.quality.internal.EventRow;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * An expectation suite applied to the events of the stream (an entry of {@code expectations:} in
 * {@code flywheel.yaml}): which events it judges, how its row-level expectations treat a row that
 * breaks one, and the window its other expectations (volume, null fraction, uniqueness, distinct
 * values, proportions, means) are judged over.
 *
 * <p>An event is seen as the row {@code id, type, timestamp, user, session, decision, loop, item,
 * value}; the timestamp is an {@link java.time.OffsetDateTime} in UTC, so GX's date bounds apply.
 *
 * @param types     the event types judged; empty for every type
 * @param loop      the loop whose events are judged (events naming another loop are skipped), or null
 * @param quarantine a row breaking a row-level expectation is refused into the quarantine naming it;
 *                   otherwise it is let in and only counted by the window's results
 * @param maxRows   the memory bound of a window ({@code max_rows}): the most distinct values it keeps
 *                  exactly per expectation that needs them (uniqueness, distinct counts); past it
 *                  distinct counts are estimated and uniqueness is judged on the rows before (see
 *                  {@link SuiteAccumulator}). Every other statistic counts every event of the window.
 */
public record EventSuite(ExpectationSuite suite, Set<String> types, String loop, Duration window, boolean quarantine,
                         int maxRows) {
    public static final Set<String> KEYS = Set.of("suite", "file", "event_types", "loop", "window", "on_row_failure", "max_rows");
    /** The columns of an event's row. */
    public static final List<String> COLUMNS = EventRow.COLUMNS;

    public EventSuite {
        if (suite == null || window == null || window.isZero() || window.isNegative() || maxRows < 1) {
            throw new IllegalArgumentException("suite, a positive window and max_rows are required");
        }
        types = Set.copyOf(types);
    }

    /** Whether this suite judges {@code e}. */
    public boolean judges(Event e) {
        return (types.isEmpty() || types.contains(e.type())) && (loop == null || e.loop() == null || loop.equals(e.loop()));
    }

    /** The event as the row its expectations read: a read-only view, each value read when asked for. */
    public static Map<String, Object> row(Event e) {
        return new EventRow(e);
    }

    /** Reads one entry of {@code expectations:}; the suite is inline under {@code suite} (the CLI inlines {@code file}). */
    public static EventSuite from(ConfigTree t) {
        t.only(KEYS);
        if (t.raw("file") != null) throw new ConfigException(t.keyOf("file"), "suite files are read by the command line; pass the suite inline under suite");
        Object raw = t.raw("suite");
        if (raw == null) throw new ConfigException(t.keyOf("suite"), "is required: a Great Expectations suite (0.x or 1.x layout)");
        ExpectationSuite suite;
        try {
            suite = SuiteReader.read(raw);
        } catch (ConfigException e) {
            throw new ConfigException(t.keyOf("suite") + "." + e.key(), e.getMessage().substring(e.key().length() + 2));
        }
        String policy = t.string("on_row_failure", "quarantine");
        if (!policy.equals("quarantine") && !policy.equals("count")) {
            throw new ConfigException(t.keyOf("on_row_failure"), "must be quarantine or count, got " + policy);
        }
        Duration window = t.duration("window", Duration.ofHours(1));
        if (window.isZero() || window.isNegative()) throw new ConfigException(t.keyOf("window"), "must be positive");
        return new EventSuite(suite, Set.copyOf(t.strings("event_types")), t.string("loop", null), window,
                policy.equals("quarantine"), t.integer("max_rows", 100_000, 1, 10_000_000));
    }
}
