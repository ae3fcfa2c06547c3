package dev.flywheel.quality.internal;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.TemporalAccessor;

/**
 * How cell values compare, following what GX does on pandas: NaN is missing like null, numbers compare
 * by value whatever their Java type ({@code 1} is in the set {@code [1.0]}), text compares as text, and
 * dates and times compare with ISO-8601 text bounds as pandas compares a timestamp with a string.
 */
public final class Values {
    private Values() {
    }

    /** Missing: null, or a floating NaN (pandas reads an empty cell of a number column as NaN). */
    public static boolean missing(Object v) {
        return v == null || (v instanceof Double d && d.isNaN()) || (v instanceof Float f && f.isNaN());
    }

    /** Booleans are not numbers here, although Python's bool is an int: a flag is not a quantity. */
    public static boolean isNumber(Object v) {
        return v instanceof Number && !(v instanceof Boolean);
    }

    public static boolean isIntegral(Object v) {
        return v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte || v instanceof BigInteger;
    }

    public static double toDouble(Object v) {
        return ((Number) v).doubleValue();
    }

    /** Equality as set membership sees it: numbers by value, everything else by equals. */
    public static boolean same(Object a, Object b) {
        if (isNumber(a) && isNumber(b)) {
            return numericOrder(a, b) == 0;
        }
        return a != null && a.equals(b);
    }

    /**
     * The order of a value against a bound, or null when they cannot be compared (a text value against a
     * number bound): such a value is unexpected rather than an error, so one bad row cannot stop a batch.
     */
    public static Integer compare(Object value, Object bound) {
        if (isNumber(value) && isNumber(bound)) {
            return numericOrder(value, bound);
        }
        if (value instanceof String s && bound instanceof String b) {
            return Integer.signum(s.compareTo(b));
        }
        if (bound instanceof String b) {
            Instant v = instant(value);
            Instant w = parseInstant(b);
            return v == null || w == null ? null : Integer.signum(v.compareTo(w));
        }
        return null;
    }

    /** A date or time value as an instant; times without an offset are UTC, as the engine reads them. */
    private static Instant instant(Object v) {
        if (v instanceof Instant i) return i;
        if (v instanceof OffsetDateTime o) return o.toInstant();
        if (v instanceof ZonedDateTime z) return z.toInstant();
        if (v instanceof LocalDateTime l) return l.toInstant(ZoneOffset.UTC);
        if (v instanceof LocalDate d) return d.atStartOfDay(ZoneOffset.UTC).toInstant();
        return null;
    }

    /** An ISO-8601 bound ({@code 2026-01-01}, {@code 2026-01-01T10:00:00}, with or without offset), else null. */
    private static Instant parseInstant(String s) {
        try {
            if (s.length() <= 10) return LocalDate.parse(s).atStartOfDay(ZoneOffset.UTC).toInstant();
            TemporalAccessor t = DateTimeFormatter.ISO_DATE_TIME.parseBest(s, OffsetDateTime::from, LocalDateTime::from);
            return instant(t);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** The text GX's regex check sees: pandas applies the pattern to {@code str(value)}. */
    public static String text(Object v) {
        if (v instanceof Boolean b) return b ? "True" : "False";
        return String.valueOf(v);
    }

    /** Exact for longs beyond 2^53 (ids); doubles only where a value is infinite. */
    private static int numericOrder(Object a, Object b) {
        if (!Double.isFinite(toDouble(a)) || !Double.isFinite(toDouble(b))) {
            return Integer.signum(Double.compare(toDouble(a), toDouble(b)));
        }
        return Integer.signum(decimal(a).compareTo(decimal(b)));
    }

    /** A key under which values GX sees as equal collide: {@code 1} and {@code 1.0} are one value. */
    public static Object distinctKey(Object v) {
        if (isNumber(v) && Double.isFinite(toDouble(v))) {
            BigDecimal d = decimal(v);
            return d.signum() == 0 ? BigDecimal.ZERO : d.stripTrailingZeros();
        }
        return v;
    }

    private static BigDecimal decimal(Object n) {
        if (n instanceof BigDecimal d) return d;
        if (n instanceof BigInteger i) return new BigDecimal(i);
        if (isIntegral(n)) return BigDecimal.valueOf(((Number) n).longValue());
        return new BigDecimal(((Number) n).doubleValue());
    }
}
