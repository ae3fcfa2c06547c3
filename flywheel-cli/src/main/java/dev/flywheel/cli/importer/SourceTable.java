package dev.flywheel.cli.importer;

import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One input file as a DuckDB table function ({@code read_csv}, {@code read_json} or
 * {@code read_parquet}). Rows come in file order. Delimited files keep the rows DuckDB cannot read
 * (a missing column, a value that does not fit the column's type) in a rejects table instead of
 * failing, so they can be quarantined with DuckDB's reason.
 *
 * @param name    what the file holds ({@code events}, {@code items}), used to name tables
 * @param option  the command-line option that gave the file, for messages
 */
record SourceTable(Path file, SourceFormat format, SourceOptions options, String name, String option) {

    record Column(String name, String type) { }

    /** The columns and the types DuckDB detects, before any override. */
    List<Column> describe(DuckInput db) {
        try (Statement s = db.connection().createStatement();
             ResultSet r = s.executeQuery("DESCRIBE SELECT * FROM " + relation(Map.of(), List.of(), rejects("sniff")))) {
            List<Column> out = new ArrayList<>();
            while (r.next()) out.add(new Column(r.getString(1), r.getString(2)));
            return out;
        } catch (SQLException e) {
            throw new IllegalArgumentException(option + ": cannot read " + file + " as " + format.name().toLowerCase(java.util.Locale.ROOT)
                    + ": " + Sql.firstLine(e), e);
        }
    }

    /**
     * The table function. {@code overrides} sets the type of some columns (identifiers are read as
     * text, so {@code 007} stays {@code 007}); {@code rejects} names the table that keeps unreadable
     * delimited rows, or null for none.
     */
    String relation(Map<String, String> overrides, List<Column> columns, String rejects) {
        String path = Sql.literal(file.toAbsolutePath().toString());
        return switch (format) {
            case CSV, TSV -> "read_csv(" + path + csvOptions(overrides, rejects) + ")";
            case JSONL -> "read_json(" + path + ", format='newline_delimited'" + jsonColumns(overrides, columns) + ")";
            case PARQUET -> "read_parquet(" + path + ")";
        };
    }

    private String csvOptions(Map<String, String> overrides, String rejects) {
        StringBuilder sb = new StringBuilder(", header=").append(options.header());
        String delim = options.delimiter() != null ? options.delimiter() : format == SourceFormat.TSV ? "\t" : null;
        if (delim != null) sb.append(", delim=").append(Sql.literal(delim));
        if (!options.columns().isEmpty()) {
            sb.append(", names=[");
            sb.append(String.join(", ", options.columns().stream().map(Sql::literal).toList())).append(']');
        }
        if (!overrides.isEmpty()) sb.append(", types=").append(struct(overrides));
        if (rejects != null) {
            sb.append(", store_rejects=true, rejects_table=").append(Sql.literal(rejects))
                    .append(", rejects_scan=").append(Sql.literal(rejects + "_scans"));
        }
        return sb.toString();
    }

    /** read_json takes overrides only as the full column list. */
    private static String jsonColumns(Map<String, String> overrides, List<Column> columns) {
        if (overrides.isEmpty()) return "";
        Map<String, String> all = new LinkedHashMap<>();
        for (Column c : columns) all.put(c.name(), overrides.getOrDefault(c.name(), c.type()));
        return ", columns=" + struct(all);
    }

    private static String struct(Map<String, String> types) {
        StringBuilder sb = new StringBuilder("{");
        types.forEach((k, v) -> sb.append(sb.length() > 1 ? ", " : "").append(Sql.literal(k)).append(": ").append(Sql.literal(v)));
        return sb.append('}').toString();
    }

    /** The file as messages name it: the option that gave it and its path. */
    String describedAs() {
        return option + " " + file;
    }

    /** Whether unreadable rows end in a rejects table rather than failing the read. */
    boolean keepsRejects() {
        return format.delimited();
    }

    /**
     * The rejects table for one read of the file, or null for formats without one. Every read keeps
     * its rejects: besides quarantining them, that makes DuckDB's sniffer tolerate a malformed row
     * instead of refusing the file.
     */
    String rejects(String purpose) {
        return keepsRejects() ? name + "_" + purpose + "_rejects" : null;
    }
}
