package dev.flywheel.cli.importer;

/** Quoting for the SQL the importer writes around names and values taken from the user's files. */
final class Sql {
    private Sql() { }

    static String ident(String name) {
        return '"' + name.replace("\"", "\"\"") + '"';
    }

    static String literal(String value) {
        return '\'' + value.replace("'", "''") + '\'';
    }

    /**
     * A DuckDB error as one line: its explanation, without the {@code LINE 1: ...} pointer, the list
     * of possible fixes or the reader options that follow it.
     */
    static String firstLine(Exception e) {
        String m = e.getMessage() == null ? e.toString() : e.getMessage().strip();
        StringBuilder sb = new StringBuilder();
        for (String line : m.split("\n")) {
            String t = line.strip();
            if (t.isEmpty() || t.startsWith("LINE ") || t.startsWith("Possible") || t.startsWith("*")) break;
            sb.append(sb.length() > 0 ? " " : "").append(t);
        }
        return sb.length() > 0 ? sb.toString() : m;
    }
}
