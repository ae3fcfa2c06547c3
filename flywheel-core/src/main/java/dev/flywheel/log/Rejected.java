package dev.flywheel.log;

import dev.flywheel.event.FieldError;
import java.util.List;

/**
 * An input that was refused, kept in the quarantine with its reasons so nothing is silently dropped.
 *
 * @param source   what was being sent: {@code event}, {@code decision} or {@code request} (the whole body)
 * @param index    position of the record in its batch, or -1 for a whole request
 * @param recordId the id the record claimed, if it had a readable one
 * @param raw      the refused input as text, cut to {@link #MAX_RAW_CHARS}
 */
public record Rejected(String source, int index, String recordId, List<FieldError> errors, String raw) {
    public static final int MAX_RAW_CHARS = 16_384;

    public Rejected {
        if (source == null || source.isBlank()) throw new IllegalArgumentException("source is required");
        if (errors == null || errors.isEmpty()) throw new IllegalArgumentException("errors must name at least one reason");
        errors = List.copyOf(errors);
        if (raw != null && raw.length() > MAX_RAW_CHARS) raw = raw.substring(0, MAX_RAW_CHARS);
    }

    /** The reasons as one line, for listings and logs. */
    public String reason() {
        return FieldError.describe(errors);
    }
}
