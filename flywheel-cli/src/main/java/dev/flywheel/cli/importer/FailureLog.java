package dev.flywheel.cli.importer;

import dev.flywheel.log.Rejected;
import java.sql.SQLException;
import java.util.function.Consumer;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;

/**
 * The rows whose records were refused, appended to a DuckDB table as they occur. The quarantine
 * keeps a refused row as it was in the file (its columns as a JSON object), but the mapped table
 * holds only what the mapping made of it; so at the end the file is read again, only when some rows
 * failed, and joined to them by position.
 */
final class FailureLog {
    private final DuckInput db;
    private final String table;
    /** Its own connection: the rows are appended while the mapped table is being read on the main one. */
    private final DuckDBConnection connection;
    private final DuckDBAppender appender;
    private long size;

    FailureLog(DuckInput db, String table) throws SQLException {
        this.db = db;
        this.table = table;
        db.execute("CREATE OR REPLACE TABLE " + table + " (rn BIGINT, file_row BIGINT, record_id VARCHAR, errors VARCHAR)");
        this.connection = db.duplicate();
        this.appender = connection.createAppender("main", table);
    }

    void add(RowFailure f) {
        try {
            appender.beginRow().append(f.rowid()).append(f.fileRow());
            if (f.recordId() == null) appender.appendNull();
            else appender.append(f.recordId());
            appender.append(QuarantineRows.json(f.errors())).endRow();
            size++;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot keep a refused row for the quarantine: " + e.getMessage(), e);
        }
    }

    long size() {
        return size;
    }

    /**
     * Hands over the quarantine entries in file order; {@code relation} must read the file as the
     * mapped table did, so that rows number the same.
     */
    void drain(String relation, String kind, Consumer<Rejected> sink) throws SQLException {
        appender.close();
        connection.close();
        if (size == 0) return;
        String sql = "SELECT f.file_row, f.record_id, f.errors, CAST(to_json(r.s) AS VARCHAR) FROM " + table + " f LEFT JOIN "
                + "(SELECT row_number() OVER () - 1 AS rn, src AS s FROM " + relation + " AS src) r ON r.rn = f.rn ORDER BY f.file_row";
        QuarantineRows.stream(db, sql, kind, sink);
    }
}
