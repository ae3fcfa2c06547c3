package dev.flywheel.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flywheel.analysis.internal.Times;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class FunnelTest {
    private static final List<String> STEPS = List.of("impression", "click", "add_to_cart", "purchase");

    /** u1 completes; u2 clicks after the window; u3 purchases before clicking (order matters); u4 in B. */
    private static Table events() {
        String[][] rows = {
            {"u1", "impression", "2024-01-01T00:00:00Z", "A"},
            {"u1", "click", "2024-01-01T00:01:00Z", "A"},
            {"u1", "add_to_cart", "2024-01-02 10:00:00", "A"},
            {"u1", "purchase", "2024-01-03T00:00:00Z", "A"},
            {"u2", "impression", "2024-01-01T00:00:00Z", "A"},
            {"u2", "click", "2024-01-09T00:00:00Z", "A"},
            {"u3", "purchase", "2024-01-01T00:00:00Z", "A"},
            {"u3", "impression", "2024-01-01T00:00:01Z", "A"},
            {"u3", "click", "2024-01-01T00:00:02Z", "A"},
            {"u3", "view", "2024-01-01T00:00:03Z", "A"},
            {"u4", "impression", "1704067200", "B"},
            {"u4", "click", "1704067260000", "B"},
            {"u5", "click", "2024-01-01T00:00:00Z", "B"},
        };
        return new Table(List.of("user", "event", "ts", "arm"), List.of(rows));
    }

    @Test
    void countsOrderedStepsWithinTheWindowPerGroup() {
        Funnel f = Funnel.analyze(events(), new FunnelSpec("user", "event", "ts", STEPS, Duration.ofDays(7), "arm",
                0.95));
        List<Funnel.Step> a = f.groups().get("A");
        assertEquals(List.of(3L, 2L, 1L, 1L), a.stream().map(Funnel.Step::users).toList());
        assertNull(a.get(0).fromPrevious());
        assertEquals(2.0 / 3, a.get(1).fromPrevious().rate(), 1e-12);
        assertEquals(1.0 / 3, a.get(1).dropOff(), 1e-12);
        assertEquals(1.0 / 3, a.get(3).fromStart().rate(), 1e-12);
        assertEquals(1.0, a.get(3).fromPrevious().rate(), 1e-12);
        // Wilson for 2/3 at 95%: lower bound 0.2077 (hand computation with z = 1.95996)
        assertEquals(0.20765, a.get(1).fromPrevious().interval().low(), 1e-4);
        List<Funnel.Step> b = f.groups().get("B");
        assertEquals(List.of(1L, 1L, 0L, 0L), b.stream().map(Funnel.Step::users).toList());
    }

    @Test
    void withoutGroupColumnEveryoneIsInOneGroup() {
        Funnel f = Funnel.analyze(events(), new FunnelSpec("user", "event", "ts", STEPS, Duration.ofDays(7), null,
                0.95));
        assertEquals(List.of(Funnel.ALL), List.copyOf(f.groups().keySet()));
        assertEquals(4, f.groups().get(Funnel.ALL).get(0).users());
    }

    @Test
    void parsesWindowsAndTimestamps() {
        assertEquals(Duration.ofDays(7), Times.window("7d"));
        assertEquals(Duration.ofHours(36), Times.window("PT36H"));
        assertEquals(1704067200000L, Times.epochMillis("2024-01-01"));
        assertEquals(1704067200000L, Times.epochMillis("2024-01-01 01:00:00+01:00"));
        assertEquals(1704067200123L, Times.epochMillis("2024-01-01T00:00:00.123Z"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Times.window("seven"));
        assertTrue(e.getMessage().contains("window 'seven'"));
    }
}
