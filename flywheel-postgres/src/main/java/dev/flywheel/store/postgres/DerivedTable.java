package dev.flywheel.store.postgres;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/**
 * A table derived from the log whose rows are numbered in the order appended ({@code ordinal}, from
 * 1), kept across restarts and cut back to what a checkpoint counted. Its row count lives in
 * {@code meta} under {@code <table>.rows}: an append locks it, so numbers are dense even when two
 * writers append at once, and a rolled-back append leaves no gap.
 */
final class DerivedTable {
    private final String table;
    private final String rowsKey;

    DerivedTable(String table) {
        this.table = table;
        this.rowsKey = table + ".rows";
    }

    /** The rows appended so far; the count stays locked until the transaction ends. */
    long lockRows(Connection c) throws SQLException {
        return Meta.lock(c, rowsKey);
    }

    void setRows(Connection c, long rows) throws SQLException {
        Meta.set(c, rowsKey, rows);
    }

    /** Drops the rows numbered above {@code n}; appending goes on from n + 1. */
    void keepFirst(PostgresDatabase db, long n) {
        if (n < 0) throw new IllegalArgumentException("n must not be negative, got " + n);
        db.transaction("cut the " + table + " table back to " + n + " rows", c -> {
            long rows = lockRows(c);
            try (PreparedStatement p = c.prepareStatement("DELETE FROM " + table + " WHERE ordinal > ?")) {
                p.setLong(1, n);
                p.executeUpdate();
            }
            setRows(c, Math.min(rows, n));
            return null;
        });
    }
}
