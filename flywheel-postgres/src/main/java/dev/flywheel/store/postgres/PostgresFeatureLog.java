package dev.flywheel.store.postgres;

import dev.flywheel.feature.FeatureLog;
import dev.flywheel.feature.ServedFeatures;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;

/**
 * The features of served items in table {@code decision_features}, kept across starts (see
 * {@link FeatureLog}). An append is one transaction that locks the last seq kept: rows at or below
 * it are skipped, and so, by the key (decision, position), is a row stored already, which a sink
 * restored from its checkpoint writes again; the row kept first is never changed.
 */
public final class PostgresFeatureLog implements FeatureLog {
    private static final String LAST = "decision_features.last_seq";
    private static final String INSERT = "INSERT INTO decision_features VALUES (?, ?, ?, ?, ?, ?) "
            + "ON CONFLICT (decision_id, position) DO NOTHING";
    private final PostgresDatabase db;

    public PostgresFeatureLog(PostgresDatabase db) {
        this.db = db;
    }

    @Override
    public void append(List<ServedFeatures> rows) {
        if (rows.isEmpty()) return;
        db.transaction("store served features", c -> {
            long kept = Meta.lock(c, LAST);
            long last = kept;
            try (PreparedStatement p = c.prepareStatement(INSERT)) {
                for (ServedFeatures f : rows) {
                    if (f.seq() <= kept) continue;
                    p.setLong(1, f.seq());
                    p.setString(2, f.decision());
                    p.setString(3, f.loop());
                    p.setString(4, f.item());
                    p.setInt(5, f.position());
                    Sql.doubles(p, 6, f.values());
                    p.addBatch();
                    last = Math.max(last, f.seq());
                }
                p.executeBatch();
            }
            Meta.set(c, LAST, last);
            return null;
        });
    }

    @Override
    public List<ServedFeatures> get(String decision) {
        String sql = "SELECT seq, decision_id, loop, item, position, features FROM decision_features WHERE decision_id = ? "
                + "ORDER BY position";
        return db.read("read served features", c -> {
            try (PreparedStatement p = c.prepareStatement(sql)) {
                p.setString(1, decision);
                List<ServedFeatures> out = new ArrayList<>();
                try (ResultSet r = p.executeQuery()) {
                    while (r.next()) {
                        out.add(new ServedFeatures(r.getLong(1), r.getString(2), r.getString(3), r.getString(4), r.getInt(5),
                                Sql.doubles(r, 6)));
                    }
                }
                return out;
            }
        });
    }

    @Override
    public long lastSeq() {
        return db.read("read the last served features' seq", c -> Meta.read(c, LAST));
    }
}
