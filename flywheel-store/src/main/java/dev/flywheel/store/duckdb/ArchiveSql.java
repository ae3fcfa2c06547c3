package dev.flywheel.store.duckdb;

/**
 * The archive's row of a log entry: its kind, the typed columns of its kind (those of the live
 * tables, with a decision's served items, shadow rankings and served features as lists), the entry's
 * stored bytes ({@code entry}), and the partition columns {@code day} (of the time received, UTC) and
 * {@code loop} ({@link LogViews#encoded}; items and quarantined inputs under {@code _items} and
 * {@code _quarantine}). Columns a kind does not have are null.
 */
final class ArchiveSql {
    private ArchiveSql() { }

    /** The rows of the entries in the temporary table {@code archive_batch (seq, entry)}, seqs {@code from..to}. */
    static String rows(long from, long to) {
        String range = " WHERE seq BETWEEN " + from + " AND " + to;
        return "SELECT b.seq, r.kind, r.received, r.ts, r.id, r.type, r.user_id, r.session_id, r.decision_id, r.item, r.value, "
                + "r.props, r.model, r.arm, r.candidates, r.context, r.arm_probability, r.period, r.served, r.shadows, f.features, "
                + "r.source, r.idx, r.record_id, r.error_fields, r.error_messages, r.raw, r.title, r.body, r.topics, r.attributes, "
                + "r.published, b.entry, strftime(r.received, '%Y-%m-%d') AS day, CASE r.kind WHEN 'item' THEN '_items' "
                + "WHEN 'quarantine' THEN '_quarantine' ELSE " + LogViews.encoded("r.loop") + " END AS loop "
                + "FROM archive_batch b LEFT JOIN (" + typed(from, to) + ") r ON r.seq = b.seq "
                + "LEFT JOIN (SELECT seq, list({'decision_id': decision_id, 'loop': loop, 'item': item, 'position': position, "
                + "'features': features} ORDER BY position, item) AS features FROM decision_features_live" + range
                + " GROUP BY seq) f ON f.seq = b.seq ORDER BY b.seq";
    }

    private static String typed(long from, long to) {
        String range = " WHERE seq BETWEEN " + from + " AND " + to;
        return "SELECT seq, 'event' AS kind, received, ts, id, type, user_id, session_id, decision_id, loop, item, value, props "
                + "FROM events_live" + range
                + " UNION ALL BY NAME SELECT d.seq, 'decision' AS kind, d.received, d.ts, d.id, d.loop, d.user_id, d.model, d.arm, "
                + "d.candidates, d.context, d.arm_probability, d.period, i.served, sh.shadows FROM decisions_live d "
                + "LEFT JOIN (SELECT seq, list({'position': position, 'item': item, 'score': score, 'propensity': propensity} "
                + "ORDER BY position, item) AS served FROM decision_items_live" + range + " GROUP BY seq) i ON i.seq = d.seq "
                + "LEFT JOIN (SELECT seq, list({'version': version, 'position': position, 'item': item, 'score': score, "
                + "'propensity': propensity} ORDER BY version, position, item) AS shadows FROM decision_shadows_live" + range
                + " GROUP BY seq) sh ON sh.seq = d.seq WHERE d.seq BETWEEN " + from + " AND " + to
                + " UNION ALL BY NAME SELECT seq, 'quarantine' AS kind, received, source, idx, record_id, error_fields, error_messages, "
                + "raw FROM quarantine_live" + range
                + " UNION ALL BY NAME SELECT seq, 'item' AS kind, received, id, title, body, topics, attributes, published "
                + "FROM items_live" + range;
    }
}
