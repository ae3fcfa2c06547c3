package dev.flywheel.store.postgres;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * The {@code meta} table: one number per key (the applied seq, each derived table's row count, the
 * last numbers handed out). Reading a key {@link #lock}s its row until the transaction ends, so
 * writers of the same table in other processes wait for each other instead of handing out a number
 * twice.
 */
final class Meta {
    private Meta() { }

    /** The key's value, its row locked until the transaction ends. */
    static long lock(Connection c, String key) throws SQLException {
        return get(c, "SELECT value FROM meta WHERE key = ? FOR UPDATE", key);
    }

    static long read(Connection c, String key) throws SQLException {
        return get(c, "SELECT value FROM meta WHERE key = ?", key);
    }

    private static long get(Connection c, String sql, String key) throws SQLException {
        try (PreparedStatement p = c.prepareStatement(sql)) {
            p.setString(1, key);
            try (ResultSet r = p.executeQuery()) {
                if (!r.next()) throw new SQLException("meta has no row " + key + ": the schema was not migrated");
                return r.getLong(1);
            }
        }
    }

    static void set(Connection c, String key, long value) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("UPDATE meta SET value = ? WHERE key = ?")) {
            p.setLong(1, value);
            p.setString(2, key);
            p.executeUpdate();
        }
    }
}
