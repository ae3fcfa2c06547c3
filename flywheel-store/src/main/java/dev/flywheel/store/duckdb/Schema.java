package dev.flywheel.store.duckdb;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The tables of the embedded store. Timestamps are UTC; {@code seq} is the log position of the row.
 * Rows are written to the {@code _live} tables; readers query the views of {@link LogViews}, which
 * add what was archived.
 */
final class Schema {
    private Schema() { }

    static final String[] DDL = {
        "CREATE TABLE IF NOT EXISTS meta (key VARCHAR PRIMARY KEY, value BIGINT)",
        """
        CREATE TABLE IF NOT EXISTS events_live (seq BIGINT, received TIMESTAMP, id VARCHAR, type VARCHAR,
          ts TIMESTAMP, user_id VARCHAR, session_id VARCHAR, decision_id VARCHAR, loop VARCHAR,
          item VARCHAR, value DOUBLE, props VARCHAR)""",
        """
        CREATE TABLE IF NOT EXISTS decisions_live (seq BIGINT, received TIMESTAMP, id VARCHAR, loop VARCHAR,
          user_id VARCHAR, ts TIMESTAMP, model VARCHAR, arm VARCHAR, candidates VARCHAR[],
          context VARCHAR)""",
        """
        CREATE TABLE IF NOT EXISTS decision_items_live (seq BIGINT, decision_id VARCHAR, position INTEGER,
          item VARCHAR, score DOUBLE, propensity DOUBLE)""",
        // added with rollouts: a store written before them gains the columns, null for old decisions
        "ALTER TABLE decisions_live ADD COLUMN IF NOT EXISTS arm_probability DOUBLE",
        "ALTER TABLE decisions_live ADD COLUMN IF NOT EXISTS period INTEGER",
        """
        CREATE TABLE IF NOT EXISTS decision_shadows_live (seq BIGINT, decision_id VARCHAR, version VARCHAR,
          position INTEGER, item VARCHAR, score DOUBLE, propensity DOUBLE)""",
        """
        CREATE TABLE IF NOT EXISTS quarantine_live (seq BIGINT, received TIMESTAMP, source VARCHAR,
          idx INTEGER, record_id VARCHAR, error_fields VARCHAR[], error_messages VARCHAR[],
          raw VARCHAR)""",
        """
        CREATE TABLE IF NOT EXISTS items_live (seq BIGINT, received TIMESTAMP, id VARCHAR, title VARCHAR,
          body VARCHAR, topics VARCHAR[], attributes VARCHAR, published TIMESTAMP)""",
        // written by the stream (DuckDbFeatureLog), keyed by the decision's seq, archived with its entry
        """
        CREATE TABLE IF NOT EXISTS decision_features_live (seq BIGINT, decision_id VARCHAR, loop VARCHAR, item VARCHAR,
          position INTEGER, features DOUBLE[])""",
    };

    /** Counters kept with the archive, starting values; {@code archived_seq} -1: nothing archived. */
    static final String[][] META = {
        {"applied_seq", "-1"}, {"archived_seq", "-1"}, {"archived_segments", "0"}, {"archived_entries", "0"},
        {"archived_bytes", "0"}, {"archived_log_bytes", "0"},
    };

    static void create(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(DDL[0]);
            for (String table : LogViews.liveTables()) renameOld(c, s, table.substring(0, table.length() - "_live".length()));
            for (String ddl : DDL) s.execute(ddl);
            for (String[] m : META) s.execute("INSERT INTO meta VALUES ('" + m[0] + "', " + m[1] + ") ON CONFLICT DO NOTHING");
            LogViews.create(s, archivedSeq(s) >= 0);
        }
    }

    static long archivedSeq(Statement s) throws SQLException {
        try (ResultSet r = s.executeQuery("SELECT value FROM meta WHERE key = 'archived_seq'")) {
            r.next();
            return r.getLong(1);
        }
    }

    /** A store written before the archive had tables where the views are now: they become the live tables. */
    static void renameOld(Connection c, Statement s, String name) throws SQLException {
        if (isTable(c, name)) s.execute("ALTER TABLE " + name + " RENAME TO " + name + "_live");
    }

    static boolean isTable(Connection c, String name) throws SQLException {
        try (PreparedStatement p = c.prepareStatement(
                "SELECT count(*) FROM information_schema.tables WHERE table_name = ? AND table_type = 'BASE TABLE'")) {
            p.setString(1, name);
            try (ResultSet r = p.executeQuery()) {
                r.next();
                return r.getLong(1) > 0;
            }
        }
    }
}
