package dev.flywheel.store.duckdb;

import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * The history tables as readers see them: a view of each name ({@code events}, {@code decisions},
 * ...) over its live table ({@code events_live}, ...) and, once segments were archived, the archived
 * entries. Archived rows count only up to the archived seq recorded in {@code meta}, in the same
 * transaction that deleted them from the live tables, so a reader sees each row exactly once
 * whatever the archiver is doing.
 *
 * <p>Paths are relative to the store's directory (DuckDB's {@code file_search_path}), so a data
 * directory can move. A view binds its files when it is created, so the archive part is added only
 * once the archive holds something.
 */
final class LogViews {
    private LogViews() { }

    static final String ARCHIVED_SEQ = "(SELECT value FROM meta WHERE key = 'archived_seq')";
    /** The {@code loop} partition of entries that have none: events without a loop, items, quarantine. */
    static final List<String> NO_LOOP = List.of("_none", "_items", "_quarantine");
    private static final String ENTRIES = "(SELECT * FROM read_parquet('archive/day=*/loop=*/*.parquet', hive_partitioning = true, "
            + "hive_types = {'day': DATE, 'loop': VARCHAR}) WHERE seq <= " + ARCHIVED_SEQ + ")";

    /** One history table: its columns in the live table's order, and the same columns from the archive. */
    private record View(String name, String columns, String archived) { }

    private static final List<View> VIEWS = List.of(
        new View("events", "seq, received, id, type, ts, user_id, session_id, decision_id, loop, item, value, props",
            "SELECT seq, received, id, type, ts, user_id, session_id, decision_id, " + decoded() + " AS loop, item, value, props FROM "
                + ENTRIES + " WHERE kind = 'event'"),
        new View("decisions", "seq, received, id, loop, user_id, ts, model, arm, candidates, context, arm_probability, period",
            "SELECT seq, received, id, " + decoded() + " AS loop, user_id, ts, model, arm, candidates, context, arm_probability, period "
                + "FROM " + ENTRIES + " WHERE kind = 'decision'"),
        new View("decision_items", "seq, decision_id, position, item, score, propensity",
            "SELECT seq, id, s.position, s.item, s.score, s.propensity FROM (SELECT seq, id, unnest(served) AS s FROM "
                + ENTRIES + " WHERE kind = 'decision')"),
        new View("decision_shadows", "seq, decision_id, version, position, item, score, propensity",
            "SELECT seq, id, s.version, s.position, s.item, s.score, s.propensity FROM (SELECT seq, id, unnest(shadows) AS s FROM "
                + ENTRIES + " WHERE kind = 'decision')"),
        new View("quarantine", "seq, received, source, idx, record_id, error_fields, error_messages, raw",
            "SELECT seq, received, source, idx, record_id, error_fields, error_messages, raw FROM " + ENTRIES + " WHERE kind = 'quarantine'"),
        new View("items", "seq, received, id, title, body, topics, attributes, published",
            "SELECT seq, received, id, title, body, topics, attributes, published FROM " + ENTRIES + " WHERE kind = 'item'"),
        new View("decision_features", "seq, decision_id, loop, item, position, features",
            "SELECT seq, f.decision_id, f.loop, f.item, f.position, f.features FROM (SELECT seq, unnest(features) AS f FROM "
                + ENTRIES + " WHERE features IS NOT NULL)"));

    /** The live tables behind the views, which the archiver empties of archived seqs. */
    static List<String> liveTables() {
        return VIEWS.stream().map(v -> v.name() + "_live").toList();
    }

    /** (Re)creates every view; {@code archived}: the archive holds entries, so the views read it too. */
    static void create(Statement s, boolean archived) throws SQLException {
        for (View v : VIEWS) {
            String live = "SELECT " + v.columns() + " FROM " + v.name() + "_live";
            s.execute("CREATE OR REPLACE VIEW " + v.name() + " AS " + live + (archived ? " UNION ALL " + v.archived() : ""));
        }
    }

    /**
     * The {@code loop} partition value of a loop (an SQL expression): the loop itself, or {@code _none}
     * when there is none; a loop that starts with an underscore gets one more, so no loop name can be
     * read back as another or as none.
     */
    static String encoded(String loop) {
        return "CASE WHEN " + loop + " IS NULL THEN '_none' WHEN starts_with(" + loop + ", '_') THEN '_' || " + loop
                + " ELSE " + loop + " END";
    }

    /** The loop a {@code loop} partition value stands for (the column {@code loop} of a hive-partitioned read). */
    static String decoded() {
        return "CASE WHEN loop IN ('_none', '_items', '_quarantine') THEN NULL WHEN starts_with(loop, '_') THEN substr(loop, 2) "
                + "ELSE loop END";
    }
}
