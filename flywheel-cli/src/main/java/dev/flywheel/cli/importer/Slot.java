package dev.flywheel.cli.importer;

/**
 * One column of a mapped table: a record field as a SQL expression over the source row, and the Java
 * type it is read as.
 */
record Slot(String name, Type type, String sql) {
    enum Type { TEXT, LONG, DOUBLE, BOOL }

    /**
     * A slot holding the text of {@code source} when it is present but {@code converted} came out
     * NULL: the value that could not be read, for the message about its row.
     */
    static Slot unreadable(String name, String source, String converted) {
        return new Slot(name, Type.TEXT, "CASE WHEN (" + source + ") IS NOT NULL AND (" + converted + ") IS NULL THEN CAST("
                + source + " AS VARCHAR) END");
    }
}
