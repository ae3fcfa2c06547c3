package dev.flywheel.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

class IsoTimestampsTest {

    /** The hand parser agrees with the JDK on every shape it takes. */
    @Property(tries = 2_000)
    void agreesWithTheJdk(@ForAll @LongRange(min = -2_000_000_000L, max = 8_000_000_000L) long epochSecond,
                          @ForAll @IntRange(min = 0, max = 999_999_999) int nanos,
                          @ForAll @IntRange(min = -18 * 4, max = 18 * 4) int quarterHours,
                          @ForAll @IntRange(min = 0, max = 9) int fractionDigits) {
        ZoneOffset off = ZoneOffset.ofTotalSeconds(quarterHours * 900);
        OffsetDateTime t = Instant.ofEpochSecond(epochSecond, nanos).atOffset(off);
        String base = String.format("%04d-%02d-%02dT%02d:%02d:%02d", t.getYear(), t.getMonthValue(), t.getDayOfMonth(),
                t.getHour(), t.getMinute(), t.getSecond());
        String frac = fractionDigits == 0 ? "" : "." + String.format("%09d", t.getNano()).substring(0, fractionDigits);
        String text = base + frac + (off.getTotalSeconds() == 0 ? "Z" : off.getId());
        assertEquals(OffsetDateTime.parse(text).toInstant(), IsoTimestamps.parse(text), text);
    }

    @Test
    void refusesWhatTheJdkRefuses() {
        for (String bad : new String[] {"2026-02-30T10:00:00Z", "2026-11-27T24:00:00Z", "2026-11-27T10:00:00",
                "2026-11-27T10:00:00+19:00", "2026-11-27 10:00:00Z", "yesterday"}) {
            assertThrows(DateTimeException.class, () -> IsoTimestamps.parse(bad), bad);
        }
    }

    @Test
    void readsOffsetsAndFractions() {
        assertEquals(Instant.parse("2026-11-27T09:15:30.120Z"), IsoTimestamps.parse("2026-11-27T10:15:30.12+01:00"));
        assertEquals(Instant.parse("2026-11-27T14:45:30Z"), IsoTimestamps.parse("2026-11-27T10:15:30-04:30"));
    }
}
