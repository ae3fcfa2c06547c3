package dev.flywheel.event;

import java.util.List;
import java.util.Objects;

/** One reason a record was refused: the field (a JSON path such as {@code items[2].propensity}) and why. */
public record FieldError(String field, String message) {
    public FieldError {
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(message, "message");
    }

    /** The errors as one line, {@code field: message; field: message}, for messages and listings. */
    public static String describe(List<FieldError> errors) {
        StringBuilder sb = new StringBuilder();
        for (FieldError e : errors) {
            if (sb.length() > 0) sb.append("; ");
            sb.append(e.field()).append(": ").append(e.message());
        }
        return sb.toString();
    }
}
