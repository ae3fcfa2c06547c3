package dev.flywheel.bench;

import dev.flywheel.store.duckdb.DuckDbOutcomeStore;
import dev.flywheel.store.duckdb.DuckDbRecordStore;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Fills an embedded store for the analysis benchmarks with {@code INSERT ... SELECT} from DuckDB's
 * {@code range()}: going through {@link DuckDbRecordStore#apply} would take minutes for 10M events and
 * measure ingest, not analysis. Every "random" number is a hash of the row number, so a world is the
 * same on every run. A loop's decisions serve 3 items (one of 20 per position, propensity 0.05), each
 * gets an impression and, with a rate of 0.10 (control) or 0.12 (treatment) divided by the position, a
 * like; 3% of decisions lead to a purchase. Users alternate arms; one in 500 saw both. The outcome
 * table holds what the engine's join would have written for a loop whose reward is a like (1).
 */
public final class AnalysisWorld {
    private AnalysisWorld() { }

    /** Creates the store at {@code file} (schema through the store itself) and adds the loop's rows. */
    public static void fill(Path file, String loop, long decisions, long users, long seqOffset) throws SQLException {
        try (DuckDbRecordStore store = new DuckDbRecordStore(file); Connection c = store.connect();
             Statement s = c.createStatement()) {
            new DuckDbOutcomeStore(store).close(); // creates the outcome table (a connection left open would keep the file's database open)
            macros(s, users);
            String l = "'" + loop.replace("'", "''") + "'";
            long items = decisions * 3;
            s.execute("INSERT INTO decisions_live SELECT " + seqOffset + " + i, TIMESTAMP '2026-11-01', " + l + " || '-d' || i, "
                    + l + ", 'u' || usr(i), TIMESTAMP '2026-11-01' + to_seconds(i), 'm1', arm(i), []::VARCHAR[], NULL, NULL, 0 "
                    + "FROM range(" + decisions + ") t(i)");
            s.execute("INSERT INTO decision_items_live SELECT " + seqOffset + " + i // 3, " + l + " || '-d' || (i // 3), "
                    + "i % 3 + 1, item(i), u01(i * 2 + 1), 0.05 FROM range(" + items + ") t(i)");
            String event = "SELECT " + seqOffset + " + i, TIMESTAMP '2026-11-01', " + l + " || '-%s' || i, '%s', "
                    + "TIMESTAMP '2026-11-01' + to_seconds(i // 3), 'u' || usr(i // 3), NULL, " + l + " || '-d' || (i // 3), "
                    + l + ", %s, %s, NULL FROM range(%d) t(i)";
            s.execute("INSERT INTO events_live " + String.format(event, "e", "impression", "item(i)", "NULL", items));
            s.execute("INSERT INTO events_live " + String.format(event, "l", "like", "item(i)", "NULL", items)
                    + " WHERE u01(i * 5 + 3) < (CASE WHEN arm(i // 3) = 'control' THEN 0.10 ELSE 0.12 END) / (i % 3 + 1)");
            s.execute("INSERT INTO events_live " + String.format(event, "p", "purchase", "NULL", "round(u01(i * 17) * 100, 2)",
                    items) + " WHERE i % 3 = 0 AND u01(i * 13 + 5) < 0.03");
            s.execute("INSERT INTO outcomes_live SELECT " + l + " || '-d' || (i // 3), " + l + ", 'u' || usr(i // 3), item(i), "
                    + "i % 3 + 1, 0.05, u01(i * 2 + 1), 'm1', arm(i // 3), TIMESTAMP '2026-11-01' + to_seconds(i // 3), 0, "
                    + "CASE WHEN l THEN ['impression', 'like'] ELSE ['impression'] END, CASE WHEN l THEN 1.0 ELSE 0.0 END, NOT l, 0, "
                    + "(SELECT coalesce(max(ordinal), 0) FROM outcomes_live) + i + 1 "
                    + "FROM (SELECT i, u01(i * 5 + 3) < (CASE WHEN arm(i // 3) = 'control' THEN 0.10 ELSE 0.12 END) / (i % 3 + 1) AS l "
                    + "FROM range(" + items + ") t(i))");
            if (!c.getAutoCommit()) {
                c.commit();
            }
        }
    }

    private static void macros(Statement s, long users) throws SQLException {
        s.execute("CREATE OR REPLACE TEMP MACRO usr(d) AS (d * 7919 % " + users + ")");
        s.execute("CREATE OR REPLACE TEMP MACRO arm(d) AS CASE WHEN (usr(d) % 2 = 0) <> (usr(d) % 500 = 499 AND d // " + users + " % 2 = 0) "
                + "THEN 'control' ELSE 'treatment' END");
        s.execute("CREATE OR REPLACE TEMP MACRO item(i) AS 'i' || ((hash(i) % 20) * 3 + i % 3)");
        s.execute("CREATE OR REPLACE TEMP MACRO u01(x) AS (hash(x) % 1000000) / 1000000.0");
    }
}
