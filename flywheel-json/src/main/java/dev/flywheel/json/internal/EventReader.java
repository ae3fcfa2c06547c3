package dev.flywheel.json.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.flywheel.json.JsonRecords.Parsed;
import dev.flywheel.json.Fields;
import dev.flywheel.json.RecordReader;
import dev.flywheel.event.Event;
import dev.flywheel.event.FieldError;
import dev.flywheel.event.InvalidRecordException;
import dev.flywheel.ingest.Admission;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Reads one event from JSON; the outcome is either a valid, admitted event or its errors. */
public final class EventReader implements RecordReader {
    private static final Set<String> FIELDS = Set.of("id", "type", "timestamp", "user", "session",
            "decision", "loop", "item", "value", "props");
    private final Admission admission;

    public EventReader(Admission admission) {
        this.admission = admission;
    }

    @Override
    public String source() {
        return "event";
    }

    @Override
    public String batchField() {
        return "events";
    }

    @Override
    public Parsed read(JsonNode node) {
        List<FieldError> errors = new ArrayList<>(2);
        if (!node.isObject()) return Parsed.failed(null, List.of(new FieldError("event", "must be a JSON object")));
        Fields f = new Fields(node, "", errors);
        f.only(FIELDS, "; put custom attributes under props");
        String id = f.key("id");
        String type = f.text("type");
        Instant ts = f.timestamp("timestamp");
        String user = f.key("user");
        String session = f.key("session");
        String decision = f.key("decision");
        String loop = f.text("loop");
        String item = f.key("item");
        Double value = f.number("value");
        String props = f.object("props");
        try {
            Event e = new Event(id, type, ts, user, session, decision, loop, item, value, props);
            if (!errors.isEmpty()) return Parsed.failed(id, errors);
            List<FieldError> refused = admission.check(e);
            return refused.isEmpty() ? Parsed.ok(e) : Parsed.failed(id, refused);
        } catch (InvalidRecordException ex) {
            return Parsed.failed(id, Fields.merge(errors, ex.errors()));
        }
    }
}
