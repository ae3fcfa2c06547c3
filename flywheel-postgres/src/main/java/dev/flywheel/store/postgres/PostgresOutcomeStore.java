package dev.flywheel.store.postgres;

import dev.flywheel.outcome.Outcome;
import dev.flywheel.outcome.OutcomeStore;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Closed outcomes in table {@code outcomes}, numbered in the order appended ({@link DerivedTable}).
 * One outcome per served item: an outcome whose decision and item are stored already is skipped,
 * so a sink that writes the same rows again after a restore from its checkpoint keeps them once
 * (the first write stands; the operators are deterministic, so the second is the same row).
 */
public final class PostgresOutcomeStore implements OutcomeStore {
    private static final String INSERT = "INSERT INTO outcomes VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    private static final DerivedTable TABLE = new DerivedTable("outcomes");
    private final PostgresDatabase db;

    public PostgresOutcomeStore(PostgresDatabase db) {
        this.db = db;
    }

    @Override
    public void append(List<Outcome> outcomes) {
        if (outcomes.isEmpty()) return;
        db.transaction("store outcomes", c -> {
            long rows = TABLE.lockRows(c);
            Set<List<String>> kept = stored(c, outcomes);
            try (PreparedStatement p = c.prepareStatement(INSERT)) {
                for (Outcome o : outcomes) {
                    if (!kept.add(List.of(o.decision(), o.item()))) continue;
                    bind(p, ++rows, o);
                    p.addBatch();
                }
                p.executeBatch();
            }
            TABLE.setRows(c, rows);
            return null;
        });
    }

    /** The (decision, item) pairs of {@code outcomes} already stored. */
    private static Set<List<String>> stored(Connection c, List<Outcome> outcomes) throws SQLException {
        Set<String> decisions = new LinkedHashSet<>();
        for (Outcome o : outcomes) decisions.add(o.decision());
        Set<List<String>> out = new HashSet<>();
        try (PreparedStatement p = c.prepareStatement("SELECT decision_id, item FROM outcomes WHERE decision_id = ANY (?)")) {
            p.setArray(1, c.createArrayOf("text", decisions.toArray()));
            try (ResultSet r = p.executeQuery()) {
                while (r.next()) out.add(List.of(r.getString(1), r.getString(2)));
            }
        }
        return out;
    }

    private static void bind(PreparedStatement p, long ordinal, Outcome o) throws SQLException {
        p.setLong(1, ordinal);
        p.setString(2, o.decision());
        p.setString(3, o.loop());
        p.setString(4, o.user());
        p.setString(5, o.item());
        p.setInt(6, o.position());
        Sql.number(p, 7, o.propensity());
        Sql.number(p, 8, o.score());
        p.setString(9, o.model());
        p.setString(10, o.arm());
        Sql.instant(p, 11, o.decidedAt());
        p.setInt(12, o.candidates());
        Sql.texts(p, 13, o.reactions());
        p.setDouble(14, o.reward());
        p.setBoolean(15, o.ignored());
        p.setInt(16, o.lateCount());
    }

    /** Ties in time are ordered by decision id in code-point order (COLLATE "C"), as the embedded store orders them. */
    @Override
    public List<Outcome> query(String loop, Instant from, Instant to, int limit) {
        String sql = "SELECT decision_id, loop, user_id, item, position, propensity, score, model, arm, decided_at, candidates, "
                + "reactions, reward, ignored, late_count FROM outcomes WHERE loop = ? AND decided_at >= ? AND decided_at < ? "
                + "ORDER BY decided_at, decision_id COLLATE \"C\", position LIMIT ?";
        return db.read("query outcomes", c -> {
            try (PreparedStatement p = c.prepareStatement(sql)) {
                p.setString(1, loop);
                Sql.instant(p, 2, from);
                Sql.instant(p, 3, to);
                p.setInt(4, limit);
                List<Outcome> out = new ArrayList<>();
                try (ResultSet r = p.executeQuery()) {
                    while (r.next()) out.add(row(r));
                }
                return out;
            }
        });
    }

    private static Outcome row(ResultSet r) throws SQLException {
        return new Outcome(r.getString(1), r.getString(2), r.getString(3), r.getString(4), r.getInt(5), Sql.number(r, 6),
                Sql.number(r, 7), r.getString(8), r.getString(9), Sql.instant(r, 10), r.getInt(11), Sql.texts(r, 12),
                r.getDouble(13), r.getBoolean(14), r.getInt(15));
    }

    @Override
    public void keepFirst(long n) {
        TABLE.keepFirst(db, n);
    }
}
