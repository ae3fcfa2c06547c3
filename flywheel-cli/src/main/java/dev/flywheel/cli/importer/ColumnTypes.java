package dev.flywheel.cli.importer;

/** Classifies DuckDB type names as DuckDB reports them (DESCRIBE, typeof). */
final class ColumnTypes {
    private ColumnTypes() { }

    static boolean isTime(String type) {
        return type.startsWith("TIMESTAMP") || type.equals("DATE");
    }

    static boolean isNumeric(String type) {
        return switch (type) {
            case "TINYINT", "SMALLINT", "INTEGER", "BIGINT", "HUGEINT", "UTINYINT", "USMALLINT", "UINTEGER",
                 "UBIGINT", "UHUGEINT", "FLOAT", "DOUBLE" -> true;
            default -> type.startsWith("DECIMAL");
        };
    }

    static boolean isText(String type) {
        return type.equals("VARCHAR") || type.equals("JSON");
    }

    static boolean isNested(String type) {
        return type.startsWith("STRUCT") || type.startsWith("MAP");
    }

    static boolean isList(String type) {
        return type.endsWith("[]");
    }
}
