package dev.flywheel.flink.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.flywheel.catalog.Item;
import dev.flywheel.config.FlywheelConfig;
import dev.flywheel.decision.Decision;
import dev.flywheel.event.Event;
import dev.flywheel.event.FieldError;
import dev.flywheel.event.LoggedRecord;
import dev.flywheel.ingest.Admission;
import dev.flywheel.json.JsonBodies;
import dev.flywheel.json.JsonRecords;
import dev.flywheel.json.RecordReader;
import dev.flywheel.log.LogEntry;
import dev.flywheel.log.Rejected;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What products produce to {@code <p>.ingest}, read as the HTTP API reads its bodies: the same
 * readers, the same admission (event types, clock skew, unknown loops, the suites' row-level
 * expectations), the same split of a body into one record or a batch ({@link JsonBodies}). The
 * header {@code kind} ({@code event}, {@code decision}, {@code item}) says what a record is; without
 * it the batch field does ({@code {"events": [...]}}), and a single record with neither is refused
 * with the field {@code kind}. Each record becomes a log entry received at the record's time: an
 * accepted one as itself, a refused one as a quarantine entry with every field error, as the API
 * would have answered it. Entries are unnumbered (the job numbers what it applies).
 */
public final class IngestRecords {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Map<String, RecordReader> readers;
    private final int maxBatch;

    public IngestRecords(Admission admission, int maxBatch) {
        this.readers = Map.of("event", JsonRecords.events(admission), "decision", JsonRecords.decisions(admission),
                "item", JsonRecords.items());
        this.maxBatch = maxBatch;
    }

    /** Records admitted as the configuration's servers admit them. */
    public static IngestRecords of(FlywheelConfig config, Clock clock) {
        return new IngestRecords(Admission.of(config, clock), config.server().maxBatch());
    }

    /**
     * @param kind           the record's {@code kind} header, or null
     * @param value          the record's value: a JSON body
     * @param receivedMillis the record's timestamp, kept as the time the entries were received
     */
    public List<LogEntry> read(String kind, byte[] value, long receivedMillis) {
        JsonNode root;
        try {
            root = value == null || value.length == 0 ? null : JSON.readTree(value);
        } catch (IOException e) {
            return refused(new FieldError("body", "is not valid JSON: " + e.getMessage()), value, receivedMillis);
        }
        RecordReader reader = kind == null ? byBatchField(root) : readers.get(kind);
        if (reader == null) {
            String why = kind == null ? "no header kind and no batch field (events, decisions, items): say what the record is"
                    : "unknown kind '" + kind + "'; one of event, decision, item";
            return refused(new FieldError("kind", why), value, receivedMillis);
        }
        List<JsonNode> nodes;
        try {
            nodes = JsonBodies.records(root, reader, maxBatch);
        } catch (JsonBodies.Refused r) {
            return refused(r.error(), value, receivedMillis);
        }
        JsonBodies.Read read = JsonBodies.read(nodes, reader);
        List<LogEntry> out = new ArrayList<>(nodes.size());
        for (LoggedRecord r : read.accepted()) out.add(entry(r, receivedMillis));
        for (Rejected r : read.rejected()) out.add(new LogEntry.QuarantineEntry(-1, receivedMillis, r));
        return out;
    }

    private RecordReader byBatchField(JsonNode root) {
        if (root == null || !root.isObject()) return null;
        for (RecordReader r : readers.values()) if (root.has(r.batchField())) return r;
        return null;
    }

    private static LogEntry entry(LoggedRecord r, long received) {
        if (r instanceof Event e) return new LogEntry.EventEntry(-1, received, e);
        if (r instanceof Decision d) return new LogEntry.DecisionEntry(-1, received, d);
        return new LogEntry.ItemEntry(-1, received, (Item) r);
    }

    /** A body refused whole, quarantined as the API quarantines one: source {@code request}, no index. */
    private static List<LogEntry> refused(FieldError why, byte[] value, long received) {
        String raw = value == null ? null : new String(value, 0, Math.min(value.length, Rejected.MAX_RAW_CHARS), StandardCharsets.UTF_8);
        return List.of(new LogEntry.QuarantineEntry(-1, received, new Rejected("request", -1, null, List.of(why), raw)));
    }
}
