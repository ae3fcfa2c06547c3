package dev.flywheel.cli.importer;

import dev.flywheel.event.FieldError;
import dev.flywheel.log.Rejected;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;

/**
 * The quarantine keeps a refused row as it was in the file (its columns as a JSON object), but the
 * mapped table holds only what the mapping made of it. So the file is read a second time, only
 * when some rows failed, and only the failed rows' text is kept.
 */
final class RawRows {
    private RawRows() { }

    /**
     * Quarantine entries for {@code failures}; {@code relation} must read the file as the mapped
     * table did, so that rows number the same.
     */
    static List<Rejected> rejected(DuckInput db, String relation, String table, String kind, List<RowFailure> failures)
            throws SQLException {
        if (failures.isEmpty()) return List.of();
        Map<Long, String> raw = fetch(db, relation, table, failures);
        List<Rejected> out = new ArrayList<>(failures.size());
        for (RowFailure f : failures) {
            List<FieldError> errors = f.errors();
            out.add(new Rejected(kind, (int) Math.min(f.fileRow(), Integer.MAX_VALUE), f.recordId(), errors, raw.get(f.rowid())));
        }
        return out;
    }

    private static Map<Long, String> fetch(DuckInput db, String relation, String table, List<RowFailure> failures) throws SQLException {
        db.execute("CREATE OR REPLACE TABLE " + table + " (rn BIGINT)");
        try (DuckDBAppender a = db.connection().unwrap(DuckDBConnection.class).createAppender("main", table)) {
            for (RowFailure f : failures) a.beginRow().append(f.rowid()).endRow();
        }
        String sql = "SELECT r.rn, r.raw FROM (SELECT row_number() OVER () - 1 AS rn, CAST(to_json(src) AS VARCHAR) AS raw FROM "
                + relation + " AS src) r SEMI JOIN " + table + " f ON r.rn = f.rn";
        Map<Long, String> out = new HashMap<>();
        try (Statement s = db.connection().createStatement(); ResultSet r = s.executeQuery(sql)) {
            while (r.next()) out.put(r.getLong(1), r.getString(2));
        }
        db.execute("DROP TABLE " + table);
        return out;
    }
}
