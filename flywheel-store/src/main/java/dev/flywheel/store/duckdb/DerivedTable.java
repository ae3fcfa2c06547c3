package dev.flywheel.store.duckdb;

import dev.flywheel.log.LogException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.duckdb.DuckDBConnection;

/**
 * A table derived from the log whose rows are numbered in the order appended ({@code ordinal}), kept
 * across restarts and cut back to what a checkpoint counted. A table without the numbering (an older
 * layout) is dropped: the replay from the start of the log fills it again.
 */
final class DerivedTable {
    private DerivedTable() { }

    /** Opens {@code table}, creating it with {@code ddl} when absent or of another layout; returns its highest ordinal (0: empty). */
    static long open(DuckDBConnection conn, String table, String ddl) {
        try (Statement s = conn.createStatement()) {
            if (!hasOrdinal(conn, table)) {
                s.execute("DROP TABLE IF EXISTS " + table);
                s.execute(ddl);
            }
            try (ResultSet r = s.executeQuery("SELECT coalesce(max(ordinal), 0) FROM " + table)) {
                r.next();
                return r.getLong(1);
            }
        } catch (SQLException e) {
            throw new LogException("cannot open the " + table + " table: " + e.getMessage(), e);
        }
    }

    private static boolean hasOrdinal(DuckDBConnection conn, String table) throws SQLException {
        try (PreparedStatement p = conn.prepareStatement(
                "SELECT count(*) FROM information_schema.columns WHERE table_name = ? AND column_name = 'ordinal'")) {
            p.setString(1, table);
            try (ResultSet r = p.executeQuery()) {
                r.next();
                return r.getLong(1) > 0;
            }
        }
    }

    /** Drops the rows numbered above {@code n}. */
    static void keepFirst(DuckDBConnection conn, String table, long n) {
        if (n < 0) throw new IllegalArgumentException("n must not be negative, got " + n);
        try (PreparedStatement p = conn.prepareStatement("DELETE FROM " + table + " WHERE ordinal > ?")) {
            p.setLong(1, n);
            p.executeUpdate();
        } catch (SQLException e) {
            throw new LogException("cannot cut the " + table + " table back to " + n + " rows: " + e.getMessage(), e);
        }
    }
}
