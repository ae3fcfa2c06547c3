package dev.flywheel.cli.importer;

import dev.flywheel.log.Rejected;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The rows DuckDB's CSV reader could not read (a missing or extra column, a value that does not fit
 * its column's type), as quarantine entries with DuckDB's reason and the line's text. The field of
 * each reason is the file's column, since the row never became a record.
 */
final class CsvRejects {
    private final DuckInput db;
    private final String table;
    private final int headerLines;
    private final RowNumbers rows;

    private CsvRejects(DuckInput db, String table, int headerLines, RowNumbers rows) {
        this.db = db;
        this.table = table;
        this.headerLines = headerLines;
        this.rows = rows;
    }

    static CsvRejects none() {
        return new CsvRejects(null, null, 0, RowNumbers.none());
    }

    /** The rejects table of {@code source}, which its read filled. */
    static CsvRejects of(DuckInput db, SourceTable source, String table) throws SQLException {
        int headerLines = source.options().header() ? 1 : 0;
        List<Long> rejected = new ArrayList<>();
        try (Statement s = db.connection().createStatement();
             ResultSet r = s.executeQuery("SELECT DISTINCT CAST(line AS BIGINT) - " + headerLines + " FROM " + table)) {
            while (r.next()) rejected.add(r.getLong(1));
        }
        return new CsvRejects(db, table, headerLines, new RowNumbers(rejected.stream().mapToLong(Long::longValue).toArray()));
    }

    long size() {
        return rows.rejectedCount();
    }

    RowNumbers rowNumbers() {
        return rows;
    }

    void drain(String kind, Consumer<Rejected> sink) throws SQLException {
        if (table == null || size() == 0) return;
        String sql = "SELECT CAST(line AS BIGINT) - " + headerLines + ", CAST(NULL AS VARCHAR), CAST(to_json(list("
                + "{'field': coalesce(column_name, 'row'), 'message': error_message || ' (line ' || line || ')'})) AS VARCHAR), "
                + "any_value(csv_line) FROM " + table + " GROUP BY line ORDER BY line";
        QuarantineRows.stream(db, sql, kind, sink);
    }
}
