package dev.flywheel.server;

import dev.flywheel.event.FieldError;
import java.util.List;

/**
 * A request the API refuses as a whole, with the HTTP status to answer and the fields at fault.
 * Thrown anywhere in a handler; {@link ApiErrors} turns it into the JSON error body.
 */
public final class ApiException extends RuntimeException {
    private final int status;
    private final List<FieldError> errors;

    public ApiException(int status, String message, List<FieldError> errors) {
        super(message);
        this.status = status;
        this.errors = List.copyOf(errors);
    }

    public static ApiException badRequest(String field, String message) {
        return new ApiException(400, field + ": " + message, List.of(new FieldError(field, message)));
    }

    public int status() {
        return status;
    }

    public List<FieldError> errors() {
        return errors;
    }
}
