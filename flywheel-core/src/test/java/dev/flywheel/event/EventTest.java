package dev.flywheel.event;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class EventTest {
    private static final Instant T = Instant.parse("2026-11-27T10:00:00Z");

    @Test
    void reportsEveryBadFieldAtOnce() {
        InvalidRecordException e = assertThrows(InvalidRecordException.class,
                () -> new Event(" ", "Click!", null, null, null, null, null, null, Double.NaN, null));
        List<String> fields = e.errors().stream().map(FieldError::field).sorted().toList();
        assertEquals(List.of("id", "timestamp", "type", "user", "value"), fields);
    }

    @Test
    void valuedTypesNeedAValueAndAmountsCannotBeNegative() {
        var rating = assertThrows(InvalidRecordException.class,
                () -> new Event("e1", "rating", T, "u", null, null, null, null, null, null));
        assertEquals("value", rating.errors().get(0).field());
        var purchase = assertThrows(InvalidRecordException.class,
                () -> new Event("e1", "purchase", T, "u", null, null, null, null, -3.0, null));
        assertEquals("value: must not be negative for purchase events", purchase.getMessage());
    }

    @Test
    void keysAreBoundedAndFreeOfControlCharacters() {
        String longId = "x".repeat(Checks.MAX_KEY_LENGTH + 1);
        var tooLong = assertThrows(InvalidRecordException.class,
                () -> new Event(longId, "click", T, "u", null, null, null, null, null, null));
        assertEquals("id", tooLong.errors().get(0).field());
        var control = assertThrows(InvalidRecordException.class,
                () -> new Event("e1", "click", T, "u\n", null, null, null, null, null, null));
        assertEquals("user: must not contain control characters", control.getMessage());
    }

    @Test
    void aValidEventKeepsItsFields() {
        Event e = new Event("e1", "dwell", T, "u", "s", "d", "home", "a1", 12.5, "{\"x\":1}");
        assertEquals(12.5, e.value());
        assertEquals(LoggedRecord.Kind.EVENT, e.kind());
    }
}
