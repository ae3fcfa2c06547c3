package dev.flywheel.cli.importer;

import dev.flywheel.config.ConfigException;
import java.util.Set;

/**
 * Where a timestamp comes from and how to read it: numbers need their unit (seconds, milliseconds or
 * microseconds since the epoch); text is ISO-8601 (read as UTC when it has no offset) unless a
 * strptime {@code format} is given; DuckDB TIMESTAMP and DATE columns are taken as UTC.
 * {@link Unit#API} is the HTTP API's language (ISO-8601 text or epoch milliseconds), used for
 * files in Flywheel's own field names.
 */
record TimeSpec(FieldSpec field, Unit unit, String format) {
    enum Unit {
        S(1_000_000), MS(1_000), US(1), API(1_000);

        final long micros;

        Unit(long micros) {
            this.micros = micros;
        }
    }

    static final Set<String> EXTRA = Set.of("unit", "format");

    static TimeSpec read(MappingNode n, String name) {
        FieldSpec f = FieldSpec.read(n, name, FieldSpec.Kind.COLUMN, EXTRA);
        if (f == null) return null;
        if (!(n.raw(name) instanceof java.util.Map)) return new TimeSpec(f, null, null);
        MappingNode m = n.child(name);
        Unit unit = m.has("unit") ? unit(m.text("unit"), m.keyOf("unit")) : null;
        String format = m.has("format") ? m.text("format") : null;
        if (unit != null && format != null) throw new ConfigException(n.keyOf(name), "give unit (numbers) or format (text), not both");
        return new TimeSpec(f, unit, format);
    }

    private static Unit unit(String s, String key) {
        return switch (s) {
            case "s" -> Unit.S;
            case "ms" -> Unit.MS;
            case "us" -> Unit.US;
            default -> throw new ConfigException(key, "must be s, ms or us, got '" + s + "'");
        };
    }

    /**
     * The expression for epoch microseconds, NULL when the value cannot be read. {@code type} is the
     * DuckDB type of the field as the file declares or DuckDB detected it.
     */
    String micros(String type) {
        String x = field.sql();
        if (format != null) return "epoch_us(try_strptime(CAST(" + x + " AS VARCHAR), " + Sql.literal(format) + "))";
        if (unit == Unit.API) return apiMicros(x, type);
        if (unit != null) return "TRY_CAST(TRY_CAST(" + x + " AS DOUBLE) * " + unit.micros + " AS BIGINT)";
        if (ColumnTypes.isTime(type)) return "epoch_us(TRY_CAST(" + x + " AS TIMESTAMPTZ))";
        if (ColumnTypes.isNumeric(type)) {
            throw new ConfigException(field.key(), field.origin() + " holds numbers (" + type
                    + "); give their unit: { column: ..., unit: s | ms | us }");
        }
        return "epoch_us(TRY_CAST(CAST(" + x + " AS VARCHAR) AS TIMESTAMPTZ))";
    }

    /** As the API reads JSON: whole numbers are epoch milliseconds, anything else ISO-8601 text. */
    private static String apiMicros(String x, String type) {
        if (ColumnTypes.isTime(type)) return "epoch_us(TRY_CAST(" + x + " AS TIMESTAMPTZ))";
        if (ColumnTypes.isNumeric(type)) return "TRY_CAST(" + x + " AS BIGINT) * 1000";
        String text = "CAST(" + x + " AS VARCHAR)";
        return "COALESCE(epoch_us(TRY_CAST(" + text + " AS TIMESTAMPTZ)), TRY_CAST(" + text + " AS BIGINT) * 1000)";
    }

    /** What a readable value looks like, for the message about one that was not. */
    String expected() {
        if (format != null) return "a time in the format '" + format + "'";
        if (unit == Unit.API) return "ISO-8601 (e.g. 2026-11-27T10:15:30Z) or epoch milliseconds";
        if (unit != null) return "a number of " + unit.name().toLowerCase(java.util.Locale.ROOT) + " since 1970-01-01";
        return "an ISO-8601 timestamp (e.g. 2026-11-27T10:15:30Z)";
    }
}
