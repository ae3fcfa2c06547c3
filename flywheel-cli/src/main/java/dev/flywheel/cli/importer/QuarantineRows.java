package dev.flywheel.cli.importer;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.flywheel.event.FieldError;
import dev.flywheel.log.Rejected;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Refused rows kept in DuckDB until the end of the import, then streamed to the quarantine: a file
 * whose every row is refused must not have to fit in memory. Queries handed to {@link #stream}
 * return (row number, record id, reasons as a JSON list of {field, message}, raw text).
 */
final class QuarantineRows {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<Slot> SHAPE = List.of(new Slot("record_id", Slot.Type.TEXT, ""),
            new Slot("errors", Slot.Type.TEXT, ""), new Slot("raw", Slot.Type.TEXT, ""));

    private QuarantineRows() { }

    static String json(List<FieldError> errors) {
        ArrayNode a = JSON.createArrayNode();
        for (FieldError e : errors) a.addObject().put("field", e.field()).put("message", e.message());
        return a.toString();
    }

    static void stream(DuckInput db, String sql, String kind, Consumer<Rejected> sink) throws SQLException {
        try (MappedCursor c = new MappedCursor(db.connection(), sql, SHAPE, new Dictionary[SHAPE.size()])) {
            while (c.next()) {
                int row = (int) Math.min(c.rowid(), Integer.MAX_VALUE);
                sink.accept(new Rejected(kind, row, c.text(0), errors(c.text(1)), c.text(2)));
            }
        }
    }

    private static List<FieldError> errors(String json) {
        try {
            List<FieldError> out = new ArrayList<>();
            for (JsonNode e : JSON.readTree(json)) {
                out.add(new FieldError(e.path("field").asText("row"), e.path("message").asText("")));
            }
            return out;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the importer's own error list is not JSON: " + json, e);
        }
    }
}
