package dev.flywheel.store.duckdb;

import dev.flywheel.model.TrainingRow;
import dev.flywheel.model.TrainingSnapshot;
import dev.flywheel.quality.Exclusions;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** The SQL of training snapshots: what a row is, and the manifest's numbers read back from the file. */
final class SnapshotSql {
    private SnapshotSql() { }

    /**
     * One row per served item of each decision with a closed outcome and kept features, in log order,
     * without the rows of the users and items {@code excluded} names. Inlined literals, not
     * parameters: COPY takes none; the loop name was checked against its pattern, and ids are the
     * log's validated keys, quoted.
     */
    static String rows(String loop, long throughSeq, Exclusions excluded) {
        return "SELECT d.seq, d.id AS decision_id, d.user_id, d.ts AS decided_at, d.model AS version, d.arm, "
                + "d.arm_probability, d.period, i.position, i.item, i.propensity, i.score, f.features, o.reactions, "
                + "o.reward, o.ignored" + served(loop, throughSeq)
                + (excludesNothing(excluded) ? "" : " AND NOT " + flagged(excluded)) + " ORDER BY d.seq, i.position";
    }

    /** How many of the snapshot's rows {@code excluded} leaves out. */
    static String excludedCount(String loop, long throughSeq, Exclusions excluded) {
        return "SELECT count(*)" + served(loop, throughSeq) + " AND " + flagged(excluded);
    }

    static boolean excludesNothing(Exclusions excluded) {
        return excluded.users().isEmpty() && excluded.items().isEmpty();
    }

    /** The served items of the loop's decisions through {@code throughSeq} with outcome and features. */
    private static String served(String loop, long throughSeq) {
        return " FROM decisions d "
                + "JOIN decision_items i ON i.decision_id = d.id "
                + "JOIN decision_features f ON f.decision_id = d.id AND f.item = i.item "
                + "JOIN outcomes o ON o.decision_id = d.id AND o.item = i.item "
                + "WHERE d.loop = '" + loop + "' AND d.seq <= " + throughSeq;
    }

    private static String flagged(Exclusions excluded) {
        return "(d.user_id IN (" + literals(excluded.users()) + ") OR i.item IN (" + literals(excluded.items()) + "))";
    }

    private static String literals(java.util.Set<String> ids) {
        if (ids.isEmpty()) return "NULL";
        java.util.List<String> q = new ArrayList<>(ids.size());
        for (String id : ids) q.add("'" + id.replace("'", "''") + "'");
        return String.join(", ", q);
    }

    static String quote(Path p) {
        return p.toAbsolutePath().toString().replace("'", "''");
    }

    static TrainingSnapshot manifest(Statement s, Path file, String id, String loop, long throughSeq, List<String> features,
                                     Instant created, long excluded) throws SQLException {
        String src = "read_parquet('" + quote(file) + "')";
        long rows;
        long fromSeq;
        Instant from;
        Instant to;
        try (ResultSet r = s.executeQuery("SELECT count(*), coalesce(min(seq), -1), epoch_us(min(decided_at)), "
                + "epoch_us(max(decided_at)) FROM " + src)) {
            r.next();
            rows = r.getLong(1);
            fromSeq = r.getLong(2);
            from = rows == 0 ? null : Rows.instant(r.getLong(3));
            to = rows == 0 ? null : Rows.instant(r.getLong(4));
        }
        List<String> schema = new ArrayList<>();
        try (ResultSet r = s.executeQuery("DESCRIBE SELECT * FROM " + src)) {
            while (r.next()) schema.add(r.getString(1) + " " + r.getString(2));
        }
        return new TrainingSnapshot(id, loop, fromSeq, throughSeq, from, to, rows, schema, features, created, excluded);
    }

    static TrainingRow row(ResultSet r) throws SQLException {
        double[] features = Rows.doubles(r.getArray(10));
        Object[] reactions = (Object[]) r.getArray(11).getArray();
        return new TrainingRow(r.getLong(1), r.getString(2), r.getString(3), Rows.instant(r.getLong(4)), r.getString(5),
                r.getString(6), r.getInt(7), r.getString(8), r.getDouble(9), features,
                Arrays.stream(reactions).map(String::valueOf).toList(), r.getDouble(12), r.getBoolean(13));
    }

}
