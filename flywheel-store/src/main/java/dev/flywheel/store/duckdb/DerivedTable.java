package dev.flywheel.store.duckdb;

import dev.flywheel.log.LogException;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.duckdb.DuckDBConnection;

/**
 * A table derived from the log whose rows are numbered in the order appended ({@code ordinal}), kept
 * across restarts and cut back to what a checkpoint counted. Rows are appended to {@code <table>_live};
 * readers query the view {@code <table>}, which adds the rows moved to the archive
 * ({@link DerivedArchive}): those numbered up to {@code archived_<table>} in {@code meta}. A table
 * without the numbering (an older layout) is dropped: the replay fills it again.
 */
final class DerivedTable {
    private DerivedTable() { }

    static String live(String table) {
        return table + "_live";
    }

    /**
     * Opens {@code table}, creating its live table with {@code ddl} (which names {@code <table>_live})
     * when absent or of another layout, and its view; returns its highest ordinal, archived or not (0: empty).
     */
    static long open(DuckDbRecordStore store, DuckDBConnection conn, String table, String ddl) {
        try (Statement s = conn.createStatement()) {
            if (Schema.isTable(conn, table)) {
                s.execute(hasOrdinal(conn, table) ? "ALTER TABLE " + table + " RENAME TO " + live(table) : "DROP TABLE " + table);
            }
            if (Schema.isTable(conn, live(table)) && !hasOrdinal(conn, live(table))) s.execute("DROP TABLE " + live(table));
            s.execute(ddl);
            s.execute("INSERT INTO meta VALUES ('archived_" + table + "', 0) ON CONFLICT DO NOTHING");
            view(conn, s, table);
            DerivedArchive.removeAfter(store.dir(), table, meta(s, "archived_" + table));
            try (ResultSet r = s.executeQuery("SELECT coalesce(max(ordinal), 0) FROM " + table)) {
                r.next();
                return r.getLong(1);
            }
        } catch (SQLException | IOException e) {
            throw new LogException("cannot open the " + table + " table: " + e.getMessage(), e);
        }
    }

    /** (Re)creates the view of {@code table}: its live rows, and the archived ones up to the archived number. */
    static void view(Connection conn, Statement s, String table) throws SQLException {
        String bound = "(SELECT value FROM meta WHERE key = 'archived_" + table + "')";
        String sql = "CREATE OR REPLACE VIEW " + table + " AS SELECT " + String.join(", ", columns(conn, live(table))) + " FROM "
                + live(table) + " WHERE ordinal > " + bound;
        if (meta(s, "archived_" + table) > 0) {
            sql += " UNION ALL SELECT " + fromArchive(conn, table) + " FROM read_parquet('" + DerivedArchive.glob(table)
                    + "', " + DerivedArchive.HIVE + ") WHERE ordinal <= " + bound;
        }
        s.execute(sql);
    }

    /** The live table's columns as read from the archive, whose {@code loop} is its partition. */
    static String fromArchive(Connection conn, String table) throws SQLException {
        List<String> out = new ArrayList<>();
        for (String c : columns(conn, live(table))) out.add(c.equals("loop") ? LogViews.decoded() + " AS loop" : c);
        return String.join(", ", out);
    }

    static long meta(Statement s, String key) throws SQLException {
        try (ResultSet r = s.executeQuery("SELECT value FROM meta WHERE key = '" + key + "'")) {
            if (!r.next()) throw new SQLException("meta has no " + key);
            return r.getLong(1);
        }
    }

    private static List<String> columns(Connection conn, String table) throws SQLException {
        List<String> out = new ArrayList<>();
        try (PreparedStatement p = conn.prepareStatement("SELECT column_name FROM information_schema.columns WHERE table_name = ? "
                + "ORDER BY ordinal_position")) {
            p.setString(1, table);
            try (ResultSet r = p.executeQuery()) {
                while (r.next()) out.add(r.getString(1));
            }
        }
        return out;
    }

    private static boolean hasOrdinal(Connection conn, String table) throws SQLException {
        return columns(conn, table).contains("ordinal");
    }

    /**
     * Drops the rows numbered above {@code n}, archived ones too: archived rows up to {@code n} in the
     * files that also hold later ones move back to the live table, in the transaction that lowers the
     * archived number; the files past it are deleted after (or by the next pass, after a crash).
     */
    static void keepFirst(DuckDbRecordStore store, DuckDBConnection conn, String table, long n) {
        if (n < 0) throw new IllegalArgumentException("n must not be negative, got " + n);
        try (Statement s = conn.createStatement()) {
            conn.setAutoCommit(false);
            try {
                s.execute("DELETE FROM " + live(table) + " WHERE ordinal > " + n);
                long kept = meta(s, "archived_" + table) > n ? DerivedArchive.rewind(conn, s, store.dir(), table, n) : -1;
                conn.commit();
                if (kept >= 0) DerivedArchive.removeAfter(store.dir(), table, kept);
            } catch (SQLException | IOException e) {
                conn.rollback();
                throw e;
            } finally {
                conn.setAutoCommit(true);
            }
        } catch (SQLException | IOException e) {
            throw new LogException("cannot cut the " + table + " table back to " + n + " rows: " + e.getMessage(), e);
        }
    }

    /** Whether the store has the live table of {@code table} (the engine opened it). */
    static boolean exists(Connection conn, String table) throws SQLException {
        return Schema.isTable(conn, live(table));
    }
}
