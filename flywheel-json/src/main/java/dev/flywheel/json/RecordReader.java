package dev.flywheel.json;

import com.fasterxml.jackson.databind.JsonNode;

/** Reads one kind of record from JSON, collecting every field error ({@link JsonRecords} makes them). */
public interface RecordReader {
    /** What the record is called in the quarantine: {@code event}, {@code decision} or {@code item}. */
    String source();

    /** The field of a batch body that holds the list, e.g. {@code events}. */
    String batchField();

    JsonRecords.Parsed read(JsonNode node);
}
