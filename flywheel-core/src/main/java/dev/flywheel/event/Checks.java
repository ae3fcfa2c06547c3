package dev.flywheel.event;

import java.util.ArrayList;
import java.util.List;

/**
 * Collects field errors while a record validates itself, so a client learns every problem of a
 * record in one answer. Shared by events and decisions.
 */
public final class Checks {
    /** Identifiers (ids, users, items, loops) longer than this are refused: they are keys, not text. */
    public static final int MAX_KEY_LENGTH = 256;

    private final List<FieldError> errors = new ArrayList<>(2);

    public Checks key(String field, String value, boolean required) {
        if (value == null) {
            if (required) fail(field, "is required");
        } else if (value.isBlank()) {
            fail(field, "must not be blank");
        } else if (value.length() > MAX_KEY_LENGTH) {
            fail(field, "must be at most " + MAX_KEY_LENGTH + " characters");
        } else if (hasControl(value)) {
            fail(field, "must not contain control characters");
        }
        return this;
    }

    public Checks finite(String field, Double value) {
        if (value != null && !Double.isFinite(value)) fail(field, "must be a finite number");
        return this;
    }

    public Checks require(boolean ok, String field, String message) {
        if (!ok) fail(field, message);
        return this;
    }

    public Checks fail(String field, String message) {
        errors.add(new FieldError(field, message));
        return this;
    }

    public boolean ok() {
        return errors.isEmpty();
    }

    public List<FieldError> errors() {
        return errors;
    }

    /** Throws when any check failed; called at the end of a record's compact constructor. */
    public void throwIfInvalid() {
        if (!errors.isEmpty()) throw new InvalidRecordException(errors);
    }

    private static boolean hasControl(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (Character.isISOControl(s.charAt(i))) return true;
        }
        return false;
    }
}
