package dev.flywheel.store.duckdb;

import dev.flywheel.feature.FeatureLog;
import dev.flywheel.feature.ServedFeatures;
import dev.flywheel.log.LogException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;

/**
 * The features of served items in the embedded store's file: written to {@code decision_features_live}
 * (created with the store's tables), read from the view {@code decision_features}, which adds those
 * archived with their decisions. Kept across starts (see {@link FeatureLog}); an append commits
 * before it returns. The last seq held counts archived rows, so a replay never writes them again.
 */
public final class DuckDbFeatureLog implements FeatureLog, AutoCloseable {
    private final DuckDBConnection conn;
    private long lastSeq;

    public DuckDbFeatureLog(DuckDbRecordStore store) {
        try {
            conn = (DuckDBConnection) store.connect();
            conn.setAutoCommit(true);
            try (Statement s = conn.createStatement()) {
                try (ResultSet r = s.executeQuery("SELECT coalesce(max(seq), -1) FROM decision_features")) {
                    r.next();
                    lastSeq = r.getLong(1);
                }
            }
        } catch (SQLException e) {
            throw new LogException("cannot open the feature log: " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized void append(List<ServedFeatures> rows) {
        long last = lastSeq;
        try (DuckDBAppender a = conn.createAppender("main", "decision_features_live")) {
            for (ServedFeatures f : rows) {
                if (f.seq() <= lastSeq) continue;
                a.beginRow().append(f.seq()).append(f.decision()).append(f.loop()).append(f.item()).append(f.position())
                        .append(f.values()).endRow();
                last = Math.max(last, f.seq());
            }
            a.flush();
        } catch (SQLException e) {
            throw new LogException("cannot store served features: " + e.getMessage(), e);
        }
        lastSeq = last;
    }

    @Override
    public synchronized List<ServedFeatures> get(String decision) {
        String sql = "SELECT seq, decision_id, loop, item, position, features FROM decision_features WHERE decision_id = ? ORDER BY position";
        try (PreparedStatement p = conn.prepareStatement(sql)) {
            p.setString(1, decision);
            List<ServedFeatures> out = new ArrayList<>();
            try (ResultSet r = p.executeQuery()) {
                while (r.next()) out.add(new ServedFeatures(r.getLong(1), r.getString(2), r.getString(3), r.getString(4),
                        r.getInt(5), Rows.doubles(r.getArray(6))));
            }
            return out;
        } catch (SQLException e) {
            throw new LogException("cannot read served features: " + e.getMessage(), e);
        }
    }


    @Override
    public synchronized long lastSeq() {
        return lastSeq;
    }

    /** Closes this table's connection: the database file stays locked while any connection is open. */
    @Override
    public synchronized void close() {
        try {
            conn.close();
        } catch (SQLException ignored) {
            // closing is all that is left to do with it
        }
    }
}
