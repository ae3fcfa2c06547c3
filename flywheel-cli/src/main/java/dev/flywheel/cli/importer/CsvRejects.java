package dev.flywheel.cli.importer;

import dev.flywheel.event.FieldError;
import dev.flywheel.log.Rejected;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The rows DuckDB's CSV reader could not read (a missing or extra column, a value that does not fit
 * its column's type), as quarantine entries with DuckDB's reason and the line's text. The field of
 * each reason is the file's column, since the row never became a record.
 */
final class CsvRejects {
    private final List<Rejected> rejected;
    private final RowNumbers rows;

    private CsvRejects(List<Rejected> rejected, RowNumbers rows) {
        this.rejected = List.copyOf(rejected);
        this.rows = rows;
    }

    static CsvRejects none() {
        return new CsvRejects(List.of(), RowNumbers.none());
    }

    /** Reads the rejects table of {@code source}, which its read filled. */
    static CsvRejects read(DuckInput db, SourceTable source, String table, String kind) throws SQLException {
        int headerLines = source.options().header() ? 1 : 0;
        Map<Long, List<FieldError>> errors = new LinkedHashMap<>();
        Map<Long, String> lines = new LinkedHashMap<>();
        try (Statement s = db.connection().createStatement();
             ResultSet r = s.executeQuery("SELECT line, column_name, error_message, csv_line FROM " + table + " ORDER BY line")) {
            while (r.next()) {
                long row = r.getLong(1) - headerLines;
                String column = r.getString(2);
                errors.computeIfAbsent(row, k -> new ArrayList<>())
                        .add(new FieldError(column == null ? "row" : column, r.getString(3) + " (line " + r.getLong(1) + ")"));
                lines.putIfAbsent(row, r.getString(4));
            }
        }
        List<Rejected> out = new ArrayList<>();
        errors.forEach((row, e) -> out.add(new Rejected(kind, (int) Math.min(row, Integer.MAX_VALUE), null, e, lines.get(row))));
        return new CsvRejects(out, new RowNumbers(errors.keySet().stream().mapToLong(Long::longValue).toArray()));
    }

    List<Rejected> rejected() {
        return rejected;
    }

    RowNumbers rowNumbers() {
        return rows;
    }
}
