package dev.flywheel.server.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.flywheel.event.FieldError;
import dev.flywheel.event.LoggedRecord;
import java.util.List;

/** Reads one kind of record from JSON, collecting every field error. */
public interface RecordReader {
    /** What the record is called in the quarantine: {@code event} or {@code decision}. */
    String source();

    /** The field of a batch body that holds the list, e.g. {@code events}. */
    String batchField();

    Parsed read(JsonNode node);

    /** Either a record or the id it claimed (if readable) and why it was refused. */
    record Parsed(LoggedRecord record, String id, List<FieldError> errors) {
        static Parsed ok(LoggedRecord r) {
            return new Parsed(r, r.id(), List.of());
        }

        static Parsed failed(String id, List<FieldError> errors) {
            return new Parsed(null, id, List.copyOf(errors));
        }
    }
}
