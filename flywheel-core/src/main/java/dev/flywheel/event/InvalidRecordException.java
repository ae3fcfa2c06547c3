package dev.flywheel.event;

import java.util.List;

/** A record that breaks its invariants; carries every field error found, not just the first. */
public final class InvalidRecordException extends IllegalArgumentException {
    private final List<FieldError> errors;

    public InvalidRecordException(List<FieldError> errors) {
        super(FieldError.describe(errors));
        this.errors = List.copyOf(errors);
    }

    public List<FieldError> errors() {
        return errors;
    }
}
