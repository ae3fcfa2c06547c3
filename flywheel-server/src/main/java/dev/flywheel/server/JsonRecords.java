package dev.flywheel.server;

import com.fasterxml.jackson.databind.JsonNode;
import dev.flywheel.event.FieldError;
import dev.flywheel.event.LoggedRecord;
import dev.flywheel.ingest.Admission;
import dev.flywheel.server.internal.DecisionReader;
import dev.flywheel.server.internal.EventReader;
import dev.flywheel.server.internal.ItemReader;
import dev.flywheel.server.internal.RecordReader;
import java.util.List;

/**
 * The API's JSON record formats for other modules (a bulk import reads the same decision lines a
 * product posts to {@code /v1/decisions}), so a record is accepted or refused for exactly the
 * reasons the HTTP API gives. The readers themselves stay internal.
 */
public final class JsonRecords {
    private JsonRecords() { }

    /**
     * Either a valid, admitted record or the id it claimed (if readable) and every reason it was
     * refused, with field names as the API reports them.
     */
    public record Parsed(LoggedRecord record, String id, List<FieldError> errors) {
        public Parsed {
            errors = List.copyOf(errors);
        }

        public boolean ok() {
            return record != null;
        }
    }

    /** One event as in {@code POST /v1/events}. */
    public static Parsed event(JsonNode node, Admission admission) {
        return of(new EventReader(admission).read(node));
    }

    /** One decision as in {@code POST /v1/decisions}. */
    public static Parsed decision(JsonNode node, Admission admission) {
        return of(new DecisionReader(admission).read(node));
    }

    /** One catalog item as in {@code POST /v1/items}. */
    public static Parsed item(JsonNode node) {
        return of(new ItemReader().read(node));
    }

    private static Parsed of(RecordReader.Parsed p) {
        return new Parsed(p.record(), p.id(), p.errors());
    }
}
