package dev.flywheel.event;

import java.util.List;

/** A record that breaks its invariants; carries every field error found, not just the first. */
public final class InvalidRecordException extends IllegalArgumentException {
    private final List<FieldError> errors;

    public InvalidRecordException(List<FieldError> errors) {
        super(summary(errors));
        this.errors = List.copyOf(errors);
    }

    public List<FieldError> errors() {
        return errors;
    }

    private static String summary(List<FieldError> errors) {
        StringBuilder sb = new StringBuilder();
        for (FieldError e : errors) {
            if (sb.length() > 0) sb.append("; ");
            sb.append(e.field()).append(": ").append(e.message());
        }
        return sb.toString();
    }
}
