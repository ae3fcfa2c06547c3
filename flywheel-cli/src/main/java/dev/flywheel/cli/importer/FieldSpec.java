package dev.flywheel.cli.importer;

import dev.flywheel.config.ConfigException;
import java.util.Map;
import java.util.Set;

/**
 * Where one field of a record comes from: a column of the file, a SQL expression over the row's
 * columns, or a constant. Everything becomes a SQL expression, so DuckDB evaluates the mapping in
 * one pass over the file whatever its format.
 *
 * @param key the mapping key it was read from (e.g. {@code events.user}), for messages
 */
record FieldSpec(Kind kind, String text, String key) {
    enum Kind { COLUMN, SQL, CONSTANT }

    static final Set<String> FORMS = Set.of("column", "sql", "constant");

    static FieldSpec column(String name, String key) {
        return new FieldSpec(Kind.COLUMN, name, key);
    }

    /**
     * Reads a field: {@code null} when absent; a plain string means {@code plain}; a mapping holds
     * exactly one of {@code column}, {@code sql} or {@code constant} besides the {@code extra} keys.
     */
    static FieldSpec read(MappingNode node, String name, Kind plain, Set<String> extra) {
        Object v = node.raw(name);
        String key = node.keyOf(name);
        if (v == null) return null;
        if (v instanceof String s) return of(plain, s, key);
        if (!(v instanceof Map)) {
            throw new ConfigException(key, "must be a " + describe(plain) + " or a mapping with column, sql or constant");
        }
        MappingNode m = node.child(name);
        m.only(union(FORMS, extra));
        FieldSpec found = null;
        for (Kind k : Kind.values()) {
            String form = k.name().toLowerCase(java.util.Locale.ROOT);
            if (m.raw(form) == null) continue;
            if (found != null) throw new ConfigException(key, "give one of column, sql and constant, not several");
            found = of(k, m.text(form), key);
        }
        return found;
    }

    private static FieldSpec of(Kind kind, String text, String key) {
        if (text.isBlank()) throw new ConfigException(key, "must not be blank");
        return new FieldSpec(kind, text, key);
    }

    static Set<String> union(Set<String> a, Set<String> b) {
        java.util.Set<String> out = new java.util.HashSet<>(a);
        out.addAll(b);
        return out;
    }

    private static String describe(Kind plain) {
        return switch (plain) {
            case COLUMN -> "column name";
            case SQL -> "SQL expression";
            case CONSTANT -> "constant";
        };
    }

    /** The field as a SQL expression over the source row. */
    String sql() {
        return switch (kind) {
            case COLUMN -> Sql.ident(text);
            case SQL -> "(" + text + ")";
            case CONSTANT -> Sql.literal(text);
        };
    }

    /** Where a value came from, for messages about a refused row. */
    String origin() {
        return switch (kind) {
            case COLUMN -> "column '" + text + "'";
            case SQL -> key + " (" + text + ")";
            case CONSTANT -> key;
        };
    }
}
