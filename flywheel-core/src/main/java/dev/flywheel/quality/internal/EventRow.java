package dev.flywheel.quality.internal;

import dev.flywheel.event.Event;
import java.time.ZoneOffset;
import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * An event seen as the row its expectations read, without copying it: each judged event on the ingest
 * threads and on the stream used to become a map of nine entries, most of which no expectation read.
 * Read-only; a value is read (and the timestamp converted) when asked for.
 */
public final class EventRow extends AbstractMap<String, Object> {
    /** The columns, in the order the row lists them. */
    public static final List<String> COLUMNS = List.of("id", "type", "timestamp", "user", "session", "decision", "loop", "item", "value");
    private final Event event;

    public EventRow(Event event) {
        this.event = event;
    }

    /** The timestamp is an {@link java.time.OffsetDateTime} in UTC, so GX's date bounds compare with it. */
    @Override
    public Object get(Object column) {
        if (!(column instanceof String c)) return null;
        return switch (c) {
            case "id" -> event.id();
            case "type" -> event.type();
            case "timestamp" -> event.timestamp().atOffset(ZoneOffset.UTC);
            case "user" -> event.user();
            case "session" -> event.session();
            case "decision" -> event.decision();
            case "loop" -> event.loop();
            case "item" -> event.item();
            case "value" -> event.value();
            default -> null;
        };
    }

    @Override
    public boolean containsKey(Object column) {
        return COLUMNS.contains(column);
    }

    @Override
    public int size() {
        return COLUMNS.size();
    }

    @Override
    public Set<Map.Entry<String, Object>> entrySet() {
        return new AbstractSet<>() {
            @Override
            public Iterator<Map.Entry<String, Object>> iterator() {
                Iterator<String> columns = COLUMNS.iterator();
                return new Iterator<>() {
                    @Override public boolean hasNext() { return columns.hasNext(); }
                    @Override public Map.Entry<String, Object> next() {
                        String c = columns.next();
                        return new SimpleImmutableEntry<>(c, get(c));
                    }
                };
            }

            @Override
            public int size() {
                return COLUMNS.size();
            }
        };
    }
}
