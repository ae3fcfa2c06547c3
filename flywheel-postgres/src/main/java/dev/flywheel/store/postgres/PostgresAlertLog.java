package dev.flywheel.store.postgres;

import dev.flywheel.quality.Alert;
import dev.flywheel.quality.AlertLog;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Alerts in table {@code alerts}, keyed by id: an id stored already is skipped ({@code ON CONFLICT DO
 * NOTHING}), so the Flink job's sink writing an epoch's alerts again after a restore keeps each once,
 * as first written.
 */
public final class PostgresAlertLog implements AlertLog {
    private static final String INSERT = "INSERT INTO alerts VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING";
    private static final String SELECT = "SELECT id, loop, monitor, window_start, window_end, statistic, value, threshold, detail, "
            + "users, items, seq FROM alerts WHERE id > ? ORDER BY id LIMIT ?";
    private final PostgresDatabase db;

    public PostgresAlertLog(PostgresDatabase db) {
        this.db = db;
    }

    @Override
    public void append(List<Alert> alerts) {
        if (alerts.isEmpty()) return;
        db.transaction("store alerts", c -> {
            try (PreparedStatement p = c.prepareStatement(INSERT)) {
                for (Alert a : alerts) {
                    bind(p, a);
                    p.addBatch();
                }
                p.executeBatch();
            }
            return null;
        });
    }

    private static void bind(PreparedStatement p, Alert a) throws SQLException {
        p.setLong(1, a.id());
        p.setString(2, a.loop());
        p.setString(3, a.monitor());
        Sql.instant(p, 4, a.windowStart());
        Sql.instant(p, 5, a.windowEnd());
        p.setString(6, a.statistic());
        p.setDouble(7, a.value());
        p.setDouble(8, a.threshold());
        p.setString(9, a.detail());
        Sql.texts(p, 10, a.users());
        Sql.texts(p, 11, a.items());
        p.setLong(12, a.seq());
    }

    @Override
    public List<Alert> after(long afterId, int limit) {
        return db.read("read alerts", c -> {
            try (PreparedStatement p = c.prepareStatement(SELECT)) {
                p.setLong(1, afterId);
                p.setInt(2, limit);
                List<Alert> out = new ArrayList<>();
                try (ResultSet r = p.executeQuery()) {
                    while (r.next()) {
                        out.add(new Alert(r.getLong(1), r.getString(2), r.getString(3), Sql.instant(r, 4), Sql.instant(r, 5),
                                r.getString(6), r.getDouble(7), r.getDouble(8), r.getString(9), Sql.texts(r, 10), Sql.texts(r, 11),
                                r.getLong(12)));
                    }
                }
                return out;
            }
        });
    }
}
