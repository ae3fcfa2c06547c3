package dev.flywheel.event;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.flywheel.decision.Decision;
import dev.flywheel.decision.ServedItem;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class DecisionTest {
    private static final Instant T = Instant.parse("2026-11-27T10:00:00Z");

    @Test
    void refusesRepeatedPositionsAndItems() {
        var e = assertThrows(InvalidRecordException.class, () -> new Decision("d1", "feed", "u", T, "m1", "champion",
                List.of(new ServedItem("a", 1, 0.5, 0.2), new ServedItem("a", 1, 0.4, 0.2)), List.of(), null));
        assertEquals(List.of("items[1].position", "items[1].item"), e.errors().stream().map(FieldError::field).toList());
    }

    @Test
    void needsServedItemsAndAModel() {
        var e = assertThrows(InvalidRecordException.class,
                () -> new Decision("d1", "feed", "u", T, null, "a", List.of(), List.of(), null));
        assertEquals(List.of("model", "items"), e.errors().stream().map(FieldError::field).toList());
    }

    @Test
    void propensityMustBeAProbabilityAboveZero() {
        assertThrows(IllegalArgumentException.class, () -> new ServedItem("a", 1, null, 0.0));
        assertThrows(IllegalArgumentException.class, () -> new ServedItem("a", 1, null, 1.01));
        assertEquals(1.0, new ServedItem("a", 1, null, 1.0).propensity());
    }
}
