package dev.flywheel.cli;

import dev.flywheel.store.duckdb.ReadOnlyStore;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/** Runs {@code flywheel import} in process, as the command line does, and reads the store it filled. */
final class ImportRuns {
    private ImportRuns() { }

    static CommandRun run(String... args) {
        return CommandRun.of("import", args);
    }

    /** The rows of a query on the data directory's store, each as a list of column values. */
    static List<List<Object>> query(Path data, String sql) throws SQLException {
        try (Connection c = ReadOnlyStore.open(data.resolve("store.duckdb")); Statement s = c.createStatement();
             ResultSet r = s.executeQuery(sql)) {
            List<List<Object>> rows = new ArrayList<>();
            int n = r.getMetaData().getColumnCount();
            while (r.next()) {
                List<Object> row = new ArrayList<>(n);
                for (int i = 1; i <= n; i++) row.add(r.getObject(i));
                rows.add(row);
            }
            return rows;
        }
    }

    static long count(Path data, String sql) throws SQLException {
        return ((Number) query(data, sql).get(0).get(0)).longValue();
    }

    /** A column of a query's rows as strings. */
    static List<String> column(Path data, String sql) throws SQLException {
        return query(data, sql).stream().map(r -> r.get(0) == null ? null : String.valueOf(r.get(0))).toList();
    }
}
