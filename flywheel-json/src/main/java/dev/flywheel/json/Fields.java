package dev.flywheel.json;

import com.fasterxml.jackson.databind.JsonNode;
import dev.flywheel.event.FieldError;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/** Typed reads of JSON fields that record a {@link FieldError} instead of throwing. */
public final class Fields {
    /** Epoch millis beyond year 9999 cannot be a real timestamp. */
    private static final long MAX_EPOCH_MILLIS = 253_402_300_799_999L;
    private final JsonNode node;
    private final String prefix;
    private final List<FieldError> errors;

    public Fields(JsonNode node, String prefix, List<FieldError> errors) {
        this.node = node;
        this.prefix = prefix;
        this.errors = errors;
    }

    public void only(Set<String> allowed, String hint) {
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!allowed.contains(f)) fail(f, "unknown field" + hint);
        }
    }

    /** A string; whole numbers are accepted too, since many products use numeric ids. */
    public String key(String field) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) return null;
        if (v.isTextual()) return v.textValue();
        if (v.isIntegralNumber()) return v.asText();
        fail(field, "must be a string");
        return null;
    }

    public String text(String field) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) return null;
        if (v.isTextual()) return v.textValue();
        fail(field, "must be a string");
        return null;
    }

    public Double number(String field) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) return null;
        if (!v.isNumber()) {
            fail(field, "must be a number");
            return null;
        }
        return v.doubleValue();
    }

    /** ISO-8601 with an offset, or epoch milliseconds. */
    public Instant timestamp(String field) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) return null;
        if (v.isIntegralNumber() && v.canConvertToLong()) {
            long ms = v.longValue();
            if (ms >= 0 && ms <= MAX_EPOCH_MILLIS) return Instant.ofEpochMilli(ms);
            fail(field, "epoch milliseconds out of range");
            return null;
        }
        if (v.isTextual()) {
            try {
                return IsoTimestamps.parse(v.textValue());
            } catch (DateTimeParseException e) {
                // fall through to the common message
            }
        }
        fail(field, "must be ISO-8601 with an offset (e.g. 2026-11-27T10:15:30Z) or epoch milliseconds");
        return null;
    }

    /** The text of a JSON object field, or null. */
    public String object(String field) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) return null;
        if (!v.isObject()) {
            fail(field, "must be a JSON object");
            return null;
        }
        return v.toString();
    }

    public JsonNode array(String field) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) return null;
        if (!v.isArray()) {
            fail(field, "must be an array");
            return null;
        }
        return v;
    }

    /**
     * The reader's errors plus the record's own, skipping fields the reader already blamed (a
     * field it could not read reaches the record as missing, which would only repeat the fault).
     */
    public static List<FieldError> merge(List<FieldError> read, List<FieldError> record) {
        List<FieldError> out = new java.util.ArrayList<>(read);
        for (FieldError e : record) {
            if (read.stream().noneMatch(r -> r.field().equals(e.field()))) out.add(e);
        }
        return out;
    }

    public void fail(String field, String message) {
        errors.add(new FieldError(prefix + field, message));
    }
}
