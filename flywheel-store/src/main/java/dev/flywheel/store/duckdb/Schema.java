package dev.flywheel.store.duckdb;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/** The tables of the embedded store. Timestamps are UTC; {@code seq} is the log position of the row. */
final class Schema {
    private Schema() { }

    static final String[] DDL = {
        "CREATE TABLE IF NOT EXISTS meta (key VARCHAR PRIMARY KEY, value BIGINT)",
        """
        CREATE TABLE IF NOT EXISTS events (seq BIGINT, received TIMESTAMP, id VARCHAR, type VARCHAR,
          ts TIMESTAMP, user_id VARCHAR, session_id VARCHAR, decision_id VARCHAR, loop VARCHAR,
          item VARCHAR, value DOUBLE, props VARCHAR)""",
        """
        CREATE TABLE IF NOT EXISTS decisions (seq BIGINT, received TIMESTAMP, id VARCHAR, loop VARCHAR,
          user_id VARCHAR, ts TIMESTAMP, model VARCHAR, arm VARCHAR, candidates VARCHAR[],
          context VARCHAR)""",
        """
        CREATE TABLE IF NOT EXISTS decision_items (seq BIGINT, decision_id VARCHAR, position INTEGER,
          item VARCHAR, score DOUBLE, propensity DOUBLE)""",
        // added with rollouts: a store written before them gains the columns, null for old decisions
        "ALTER TABLE decisions ADD COLUMN IF NOT EXISTS arm_probability DOUBLE",
        "ALTER TABLE decisions ADD COLUMN IF NOT EXISTS period INTEGER",
        """
        CREATE TABLE IF NOT EXISTS decision_shadows (seq BIGINT, decision_id VARCHAR, version VARCHAR,
          position INTEGER, item VARCHAR, score DOUBLE, propensity DOUBLE)""",
        """
        CREATE TABLE IF NOT EXISTS quarantine (seq BIGINT, received TIMESTAMP, source VARCHAR,
          idx INTEGER, record_id VARCHAR, error_fields VARCHAR[], error_messages VARCHAR[],
          raw VARCHAR)""",
        """
        CREATE TABLE IF NOT EXISTS items (seq BIGINT, received TIMESTAMP, id VARCHAR, title VARCHAR,
          body VARCHAR, topics VARCHAR[], attributes VARCHAR, published TIMESTAMP)""",
    };

    static void create(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            for (String ddl : DDL) s.execute(ddl);
            s.execute("INSERT INTO meta VALUES ('applied_seq', -1) ON CONFLICT DO NOTHING");
        }
    }
}
