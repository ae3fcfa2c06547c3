package dev.flywheel.json;

import com.fasterxml.jackson.databind.JsonNode;
import dev.flywheel.event.FieldError;
import dev.flywheel.event.LoggedRecord;
import dev.flywheel.log.Rejected;
import java.util.ArrayList;
import java.util.List;

/**
 * A body as the ingest API takes it: one record, or a batch under the kind's field
 * ({@code {"events": [...]}}). Shared by the HTTP API and the Flink job's {@code <p>.ingest} reader,
 * so a body is split, read and refused the same way wherever it arrives.
 */
public final class JsonBodies {
    private JsonBodies() { }

    /** A body that is no record at all, refused whole with the field at fault. */
    public static final class Refused extends RuntimeException {
        private final FieldError error;

        public Refused(String field, String message) {
            super(field + ": " + message);
            this.error = new FieldError(field, message);
        }

        public FieldError error() {
            return error;
        }
    }

    /** What a body's records came to: those admitted, and a refusal per other record (by index). */
    public record Read(List<LoggedRecord> accepted, List<Rejected> rejected) { }

    /** The body's records, one or a batch; throws {@link Refused} when it holds neither. */
    public static List<JsonNode> records(JsonNode root, RecordReader reader, int maxBatch) {
        String field = reader.batchField();
        if (root == null || root.isMissingNode()) throw new Refused("body", "is empty; send one " + reader.source() + " or {\"" + field + "\": [...]}");
        if (!root.isObject()) throw new Refused("body", "must be a JSON object: one " + reader.source() + " or {\"" + field + "\": [...]}");
        JsonNode list = root.get(field);
        if (list == null) return List.of(root);
        if (!list.isArray()) throw new Refused(field, "must be an array");
        if (root.size() > 1) throw new Refused("body", "a batch holds only the field " + field);
        if (list.size() > maxBatch) throw new Refused(field, "holds " + list.size() + " records; at most " + maxBatch + " per request");
        List<JsonNode> out = new ArrayList<>(list.size());
        list.forEach(out::add);
        return out;
    }

    /** Reads each record; a refused one keeps its index, the id it claimed and its raw JSON. */
    public static Read read(List<JsonNode> nodes, RecordReader reader) {
        List<LoggedRecord> ok = new ArrayList<>(nodes.size());
        List<Rejected> bad = new ArrayList<>();
        for (int i = 0; i < nodes.size(); i++) {
            JsonRecords.Parsed p = reader.read(nodes.get(i));
            if (p.record() != null) ok.add(p.record());
            else bad.add(new Rejected(reader.source(), i, p.id(), p.errors(), nodes.get(i).toString()));
        }
        return new Read(ok, bad);
    }
}
