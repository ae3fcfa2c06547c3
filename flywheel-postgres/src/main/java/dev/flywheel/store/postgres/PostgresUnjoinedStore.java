package dev.flywheel.store.postgres;

import dev.flywheel.event.Event;
import dev.flywheel.outcome.Unjoined;
import dev.flywheel.outcome.UnjoinedStore;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Feedback that joined no outcome, in table {@code unjoined}: the event's own columns (as in the
 * events table), the reason, and the decision it was meant for when known; numbered in the order
 * appended ({@link DerivedTable}). The join routes each event once, so an event id already stored
 * is skipped: a sink writing the same rows again after a restore keeps them once.
 */
public final class PostgresUnjoinedStore implements UnjoinedStore {
    private static final String INSERT = "INSERT INTO unjoined VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    private static final DerivedTable TABLE = new DerivedTable("unjoined");
    private final PostgresDatabase db;

    public PostgresUnjoinedStore(PostgresDatabase db) {
        this.db = db;
    }

    @Override
    public void append(List<Unjoined> unjoined) {
        if (unjoined.isEmpty()) return;
        db.transaction("store unjoined feedback", c -> {
            long rows = TABLE.lockRows(c);
            Set<String> kept = stored(c, unjoined);
            try (PreparedStatement p = c.prepareStatement(INSERT)) {
                for (Unjoined u : unjoined) {
                    if (!kept.add(u.event().id())) continue;
                    p.setLong(1, ++rows);
                    p.setString(2, reason(u.reason()));
                    Sql.text(p, 3, u.decision());
                    RecordRows.eventColumns(p, 4, u.event());
                    p.addBatch();
                }
                p.executeBatch();
            }
            TABLE.setRows(c, rows);
            return null;
        });
    }

    private static Set<String> stored(Connection c, List<Unjoined> unjoined) throws SQLException {
        Set<String> out = new HashSet<>();
        try (PreparedStatement p = c.prepareStatement("SELECT id FROM unjoined WHERE id = ANY (?)")) {
            p.setArray(1, c.createArrayOf("text", unjoined.stream().map(u -> u.event().id()).toArray()));
            try (ResultSet r = p.executeQuery()) {
                while (r.next()) out.add(r.getString(1));
            }
        }
        return out;
    }

    private static String reason(Unjoined.Reason r) {
        return r.name().toLowerCase(Locale.ROOT);
    }

    @Override
    public Map<Unjoined.Reason, Long> counts() {
        return db.read("count unjoined feedback", c -> {
            Map<Unjoined.Reason, Long> out = new EnumMap<>(Unjoined.Reason.class);
            for (Unjoined.Reason r : Unjoined.Reason.values()) out.put(r, 0L);
            try (PreparedStatement p = c.prepareStatement("SELECT reason, count(*) FROM unjoined GROUP BY reason");
                 ResultSet r = p.executeQuery()) {
                while (r.next()) out.put(Unjoined.Reason.valueOf(r.getString(1).toUpperCase(Locale.ROOT)), r.getLong(2));
            }
            return out;
        });
    }

    /** Ties in time are ordered by event id in code-point order (COLLATE "C"), as the embedded store orders them. */
    @Override
    public List<Unjoined> query(Unjoined.Reason reason, int limit) {
        String sql = "SELECT reason, for_decision, id, type, ts, user_id, session_id, decision_id, loop, item, value, props "
                + "FROM unjoined WHERE ?::text IS NULL OR reason = ? ORDER BY ts, id COLLATE \"C\" LIMIT ?";
        return db.read("query unjoined feedback", c -> {
            try (PreparedStatement p = c.prepareStatement(sql)) {
                String r = reason == null ? null : reason(reason);
                Sql.text(p, 1, r);
                Sql.text(p, 2, r);
                p.setInt(3, limit);
                List<Unjoined> out = new ArrayList<>();
                try (ResultSet rs = p.executeQuery()) {
                    while (rs.next()) out.add(row(rs));
                }
                return out;
            }
        });
    }

    private static Unjoined row(ResultSet r) throws SQLException {
        Event e = new Event(r.getString(3), r.getString(4), Sql.instant(r, 5), r.getString(6), r.getString(7), r.getString(8),
                r.getString(9), r.getString(10), Sql.number(r, 11), r.getString(12));
        return new Unjoined(e, Unjoined.Reason.valueOf(r.getString(1).toUpperCase(Locale.ROOT)), r.getString(2));
    }

    @Override
    public void keepFirst(long n) {
        TABLE.keepFirst(db, n);
    }
}
