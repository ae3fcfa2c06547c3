package dev.flywheel.analysis.internal;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.util.Locale;

/** Timestamps and windows as they appear in CSV exports; zone-less times are taken as UTC. */
public final class Times {
    private static final DateTimeFormatter SPACE_OR_T = new DateTimeFormatterBuilder()
            .appendPattern("yyyy-MM-dd")
            .optionalStart().appendLiteral('T').optionalEnd()
            .optionalStart().appendLiteral(' ').optionalEnd()
            .appendPattern("HH:mm[:ss]")
            .optionalStart().appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true).optionalEnd()
            .optionalStart().appendOffset("+HH:MM", "Z").optionalEnd()
            .optionalStart().appendOffset("+HHMM", "Z").optionalEnd()
            .toFormatter(Locale.ROOT);

    private Times() {
    }

    /**
     * Epoch milliseconds of an ISO-8601 instant/date-time (T or space separated, optional offset), a
     * date, or a number: epoch seconds below 1e11, epoch milliseconds above.
     */
    public static long epochMillis(String text) {
        String s = text.trim();
        try {
            double v = Double.parseDouble(s);
            return Math.abs(v) < 1e11 ? Math.round(v * 1000) : Math.round(v);
        } catch (NumberFormatException notNumeric) {
            // a date-time, below
        }
        try {
            if (s.length() == 10) {
                return LocalDate.parse(s).atStartOfDay().toInstant(ZoneOffset.UTC).toEpochMilli();
            }
            var parsed = SPACE_OR_T.parseBest(s, OffsetDateTime::from, LocalDateTime::from);
            Instant instant = parsed instanceof OffsetDateTime o ? o.toInstant()
                    : ((LocalDateTime) parsed).toInstant(ZoneOffset.UTC);
            return instant.toEpochMilli();
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("'" + text + "' is not a timestamp (ISO-8601, date, or epoch number)");
        }
    }

    /** "7d", "12h", "30m", "45s" or an ISO-8601 duration such as "PT36H". */
    public static Duration window(String text) {
        String s = text.trim().toLowerCase(Locale.ROOT);
        try {
            if (s.startsWith("p")) {
                return positive(Duration.parse(s.toUpperCase(Locale.ROOT)), text);
            }
            long amount = Long.parseLong(s.substring(0, s.length() - 1));
            return positive(switch (s.charAt(s.length() - 1)) {
                case 'd' -> Duration.ofDays(amount);
                case 'h' -> Duration.ofHours(amount);
                case 'm' -> Duration.ofMinutes(amount);
                case 's' -> Duration.ofSeconds(amount);
                default -> throw new IllegalArgumentException("unit");
            }, text);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("window '" + text + "' must look like 7d, 12h, 30m, 45s or PT36H");
        }
    }

    private static Duration positive(Duration d, String text) {
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException("window '" + text + "' must be positive");
        }
        return d;
    }
}
