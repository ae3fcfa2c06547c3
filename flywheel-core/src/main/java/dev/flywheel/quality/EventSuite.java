package dev.flywheel.quality;

import dev.flywheel.config.ConfigException;
import dev.flywheel.config.ConfigTree;
import dev.flywheel.event.Event;
import java.time.Duration;
import java.util.LinkedHashMap;
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
 * @param maxRows   the most rows a window keeps for its window-level expectations (memory bound);
 *                  the rest of a busier window is counted but not judged
 */
public record EventSuite(ExpectationSuite suite, Set<String> types, String loop, Duration window, boolean quarantine,
                         int maxRows) {
    public static final Set<String> KEYS = Set.of("suite", "file", "event_types", "loop", "window", "on_row_failure", "max_rows");
    /** The columns of an event's row. */
    public static final List<String> COLUMNS = List.of("id", "type", "timestamp", "user", "session", "decision", "loop", "item", "value");

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

    /** The event as the row its expectations read. */
    public static Map<String, Object> row(Event e) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("id", e.id());
        row.put("type", e.type());
        row.put("timestamp", e.timestamp().atOffset(java.time.ZoneOffset.UTC));
        row.put("user", e.user());
        row.put("session", e.session());
        row.put("decision", e.decision());
        row.put("loop", e.loop());
        row.put("item", e.item());
        row.put("value", e.value());
        return row;
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
