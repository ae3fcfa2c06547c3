package dev.flywheel.event;

import java.util.Objects;

/** One reason a record was refused: the field (a JSON path such as {@code items[2].propensity}) and why. */
public record FieldError(String field, String message) {
    public FieldError {
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(message, "message");
    }
}
