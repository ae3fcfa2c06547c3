package dev.flywheel.time;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class ManualClockTest {
    private static final Instant T = Instant.parse("2026-12-01T00:00:00Z");

    @Test
    void timeMovesOnlyWhenTheTestMovesIt() {
        ManualClock c = new ManualClock(T);
        assertEquals(T, c.instant());
        assertEquals(T.toEpochMilli(), c.millis());
        c.advance(Duration.ofMillis(1500));
        assertEquals(T.plusMillis(1500), c.instant());
        c.set(T.minusSeconds(60));
        assertEquals(T.minusSeconds(60), c.instant(), "set may move time back");
        assertEquals(ZoneOffset.UTC, c.getZone());
    }

    @Test
    void aClockInAnotherZoneSharesTheTime() {
        ManualClock c = new ManualClock(T);
        assertSame(c, c.withZone(ZoneOffset.UTC));
        Clock paris = c.withZone(ZoneId.of("Europe/Paris"));
        assertEquals(ZoneId.of("Europe/Paris"), paris.getZone());
        c.advance(Duration.ofHours(2));
        assertEquals(T.plus(Duration.ofHours(2)), paris.instant());
        assertEquals(2 + 1, java.time.LocalDateTime.now(paris).getHour(), "02:00 UTC is 03:00 in Paris in December");
    }
}
