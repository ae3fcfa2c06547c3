package dev.flywheel.cli.importer;

import dev.flywheel.event.Event;
import dev.flywheel.event.FieldError;
import dev.flywheel.event.InvalidRecordException;
import dev.flywheel.ingest.Admission;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Turns one mapped row into its events, validated exactly as the HTTP API validates a posted event:
 * the {@link Event} constructor's checks, then {@link Admission} (a known type, no future timestamp).
 * A row's valid events are kept even when another of its events is refused; the row is then
 * quarantined once, with every distinct reason, each naming the event field and where the mapping
 * read it from. A row's id column names its one event; with several emit rules each event's id is
 * {@code <id>:<type>}, so the events of a row never collide with each other.
 */
final class EventBuilder {
    private final EventPlan plan;
    private final Admission admission;
    private final ContentId contentId = new ContentId();
    private final String[] types;
    private final String loopConstant;
    private Instant lastTs;
    private long lastMicros = Long.MIN_VALUE;

    EventBuilder(EventPlan plan, Admission admission) {
        this.plan = plan;
        this.admission = admission;
        this.loopConstant = EventPlan.constant(plan.mapping.loop());
        this.types = new String[plan.mapping.emit().size()];
        for (int r = 0; r < types.length; r++) types[r] = EventPlan.constant(plan.mapping.emit().get(r).type());
    }

    /** Emits the row's events to {@code events}; returns the row's failure, or null when it had none. */
    RowFailure build(MappedCursor c, RowNumbers rows, Consumer<Event> events) {
        Row row = new Row(c);
        List<FieldError> errors = null;
        for (int r = 0; r < types.length; r++) {
            if (plan.when[r] >= 0 && !c.isTrue(plan.when[r])) continue;
            List<FieldError> failed = event(c, row, r, events);
            if (failed.isEmpty()) continue;
            if (errors == null) errors = new ArrayList<>();
            for (FieldError e : failed) if (!errors.contains(e)) errors.add(e);
        }
        return errors == null ? null : new RowFailure(c.rowid(), rows.fileRow(c.rowid()), row.id, errors);
    }

    private List<FieldError> event(MappedCursor c, Row row, int r, Consumer<Event> events) {
        List<FieldError> read = row.readErrors;
        String type = plan.type[r] >= 0 ? c.text(plan.type[r]) : types[r];
        Double value = null;
        if (plan.value[r] >= 0) {
            value = c.doubleValue(plan.value[r]);
            String raw = c.text(plan.valueRaw[r]);
            if (raw != null) {
                read = new ArrayList<>(read);
                read.add(new FieldError("value", "cannot read '" + raw + "' as a number" + from(plan.mapping.emit().get(r).value())));
            }
        }
        String id = row.id == null ? derivedId(row, type, value) : types.length == 1 ? row.id : row.id + ":" + type;
        try {
            Event e = new Event(id, type, row.ts, row.user, row.session, row.decision, row.loop, row.item, value, row.props);
            if (!read.isEmpty()) return read;
            List<FieldError> refused = admission.check(e);
            if (refused.isEmpty()) {
                events.accept(e);
                return List.of();
            }
            return explain(refused, r);
        } catch (InvalidRecordException ex) {
            List<FieldError> out = new ArrayList<>(read);
            for (FieldError f : explain(ex.errors(), r)) {
                if (out.stream().noneMatch(x -> x.field().equals(f.field()))) out.add(f);
            }
            return out;
        }
    }

    private String derivedId(Row row, String type, Double value) {
        return contentId.start().add(row.loop).add(row.user).add(row.item).add(row.micros).add(type)
                .add(value).add(row.session).add(row.decision).add(row.props).id();
    }

    /** Adds to each reason where the mapping read the field from. */
    private List<FieldError> explain(List<FieldError> errors, int rule) {
        List<FieldError> out = new ArrayList<>(errors.size());
        for (FieldError e : errors) out.add(new FieldError(e.field(), e.message() + from(spec(e.field(), rule))));
        return out;
    }

    private FieldSpec spec(String field, int rule) {
        EventMapping m = plan.mapping;
        return switch (field) {
            case "id" -> m.id();
            case "type" -> m.emit().get(rule).type();
            case "timestamp" -> m.timestamp().field();
            case "user" -> m.user();
            case "session" -> m.session();
            case "decision" -> m.decision();
            case "loop" -> m.loop();
            case "item" -> m.item();
            case "value" -> m.emit().get(rule).value();
            case "props" -> m.props();
            default -> null;
        };
    }

    private static String from(FieldSpec f) {
        return f == null ? "" : " (from " + f.origin() + ")";
    }

    /** The fields every event of the row shares, read once. */
    private final class Row {
        final String id;
        final String user;
        final String session;
        final String decision;
        final String loop;
        final String item;
        final String props;
        final long micros;
        final Instant ts;
        /** Faults reading the row's shared fields; the empty list in the common case, allocated only on a fault. */
        List<FieldError> readErrors = List.of();

        Row(MappedCursor c) {
            id = text(c, plan.id);
            user = text(c, plan.user);
            session = text(c, plan.session);
            decision = text(c, plan.decision);
            loop = plan.loop >= 0 ? c.text(plan.loop) : loopConstant;
            item = text(c, plan.item);
            props = text(c, plan.props);
            boolean hasTs = !c.isNull(plan.ts);
            micros = hasTs ? c.longValue(plan.ts) : 0;
            ts = hasTs ? instant(micros) : null;
            String rawTs = c.text(plan.tsRaw);
            TimeSpec t = plan.mapping.timestamp();
            if (rawTs != null) fault(new FieldError("timestamp", "cannot read '" + rawTs + "' as " + t.expected() + from(t.field())));
            String rawProps = plan.propsRaw >= 0 ? c.text(plan.propsRaw) : null;
            if (rawProps != null) {
                fault(new FieldError("props", "must be a JSON object, got '" + rawProps + "'" + from(plan.mapping.props())));
            }
        }

        private void fault(FieldError e) {
            if (readErrors.isEmpty()) readErrors = new ArrayList<>(2);
            readErrors.add(e);
        }

        private String text(MappedCursor c, int slot) {
            return slot >= 0 ? c.text(slot) : null;
        }
    }

    /** Rows arrive sorted by time, so consecutive rows often share the instant. */
    private Instant instant(long micros) {
        if (micros != lastMicros) {
            lastMicros = micros;
            lastTs = Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1_000L);
        }
        return lastTs;
    }
}
