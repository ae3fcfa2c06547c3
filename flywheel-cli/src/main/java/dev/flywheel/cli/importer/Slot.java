package dev.flywheel.cli.importer;

/**
 * One column of a mapped table: a record field as a SQL expression over the source row, the Java
 * type it is read as, and the mapping key it comes from (for an expression that fails on the data).
 */
record Slot(String name, Type type, String sql, String key) {
    enum Type { TEXT, LONG, DOUBLE, BOOL }

    Slot(String name, Type type, String sql) {
        this(name, type, sql, null);
    }

    Slot keyed(String mappingKey) {
        return new Slot(name, type, sql, mappingKey);
    }

    /**
     * A slot holding the text of {@code source} when it is present but {@code converted} came out
     * NULL: the value that could not be read, for the message about its row.
     */
    static Slot unreadable(String name, String source, String converted) {
        return new Slot(name, Type.TEXT, "CASE WHEN (" + source + ") IS NOT NULL AND (" + converted + ") IS NULL THEN CAST("
                + source + " AS VARCHAR) END");
    }
}
