package dev.flywheel.json;

import com.fasterxml.jackson.databind.JsonNode;
import dev.flywheel.event.FieldError;
import dev.flywheel.event.LoggedRecord;
import dev.flywheel.ingest.Admission;
import dev.flywheel.json.internal.DecisionReader;
import dev.flywheel.json.internal.EventReader;
import dev.flywheel.json.internal.ItemReader;
import java.util.List;

/**
 * The API's JSON record formats, for every module that takes records as JSON: the HTTP API, a bulk
 * import (the same decision lines a product posts to {@code /v1/decisions}) and the Flink job
 * reading what products produce to Kafka directly, so a record is accepted or refused for exactly
 * the reasons the HTTP API gives. The readers themselves stay internal.
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

        public static Parsed ok(LoggedRecord r) {
            return new Parsed(r, r.id(), List.of());
        }

        public static Parsed failed(String id, List<FieldError> errors) {
            return new Parsed(null, id, errors);
        }

        public boolean ok() {
            return record != null;
        }
    }

    /** The reader of events as in {@code POST /v1/events}, admitted by {@code admission}. */
    public static RecordReader events(Admission admission) {
        return new EventReader(admission);
    }

    /** The reader of decisions as in {@code POST /v1/decisions}. */
    public static RecordReader decisions(Admission admission) {
        return new DecisionReader(admission);
    }

    /** The reader of catalog items as in {@code POST /v1/items}. */
    public static RecordReader items() {
        return new ItemReader();
    }

    /** One event as in {@code POST /v1/events}. */
    public static Parsed event(JsonNode node, Admission admission) {
        return events(admission).read(node);
    }

    /** One decision as in {@code POST /v1/decisions}. */
    public static Parsed decision(JsonNode node, Admission admission) {
        return decisions(admission).read(node);
    }

    /** One catalog item as in {@code POST /v1/items}. */
    public static Parsed item(JsonNode node) {
        return items().read(node);
    }
}
