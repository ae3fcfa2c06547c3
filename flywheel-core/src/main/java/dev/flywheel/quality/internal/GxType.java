package dev.flywheel.quality.internal;

import dev.flywheel.config.ConfigException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.util.Locale;
import java.util.Map;

/**
 * The value kinds behind GX's type names. GX passes the name to the backend (a Python type, a numpy or
 * pandas dtype, or a SQL type), so one kind answers to all the spellings users write; matching is
 * case-insensitive. Integers are not floats and booleans are not integers, as in
 * {@code isinstance} on the values of a column.
 */
public enum GxType {
    INTEGER, FLOAT, STRING, BOOLEAN, TIMESTAMP, DATE;

    private static final Map<String, GxType> NAMES = names();

    private static Map<String, GxType> names() {
        Map<String, GxType> m = new java.util.HashMap<>();
        for (String n : new String[] {"int", "int8", "int16", "int32", "int64", "uint8", "uint16", "uint32", "uint64",
                "integer", "bigint", "smallint", "tinyint", "hugeint", "long", "short", "byte"}) {
            m.put(n, INTEGER);
        }
        for (String n : new String[] {"float", "float16", "float32", "float64", "double", "real", "double precision",
                "decimal", "numeric", "number"}) {
            m.put(n, FLOAT);
        }
        for (String n : new String[] {"str", "string", "varchar", "text", "char", "unicode", "unicode_"}) {
            m.put(n, STRING);
        }
        for (String n : new String[] {"bool", "boolean", "bool_"}) {
            m.put(n, BOOLEAN);
        }
        for (String n : new String[] {"datetime", "datetime64", "datetime64[ns]", "datetime64[us]", "datetime64[ns, utc]",
                "timestamp", "timestamp with time zone", "timestamptz"}) {
            m.put(n, TIMESTAMP);
        }
        m.put("date", DATE);
        return Map.copyOf(m);
    }

    /** The kind named {@code name}; an unknown name is refused with the key that gave it. */
    public static GxType parse(String name, String key) {
        GxType t = NAMES.get(name.trim().toLowerCase(Locale.ROOT));
        if (t == null) {
            throw new ConfigException(key, "unknown type name '" + name + "'; known: " + new java.util.TreeSet<>(NAMES.keySet()));
        }
        return t;
    }

    public boolean matches(Object v) {
        return switch (this) {
            case INTEGER -> Values.isIntegral(v);
            case FLOAT -> v instanceof Double || v instanceof Float || v instanceof java.math.BigDecimal;
            case STRING -> v instanceof String;
            case BOOLEAN -> v instanceof Boolean;
            case TIMESTAMP -> v instanceof Instant || v instanceof LocalDateTime || v instanceof OffsetDateTime
                    || v instanceof ZonedDateTime;
            case DATE -> v instanceof LocalDate;
        };
    }
}
