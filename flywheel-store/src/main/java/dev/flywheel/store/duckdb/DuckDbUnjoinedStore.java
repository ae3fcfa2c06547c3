package dev.flywheel.store.duckdb;

import dev.flywheel.event.Event;
import dev.flywheel.log.LogException;
import dev.flywheel.outcome.Unjoined;
import dev.flywheel.outcome.UnjoinedStore;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;

/**
 * Feedback that joined no outcome, in the embedded store's file: the event's own columns (as in the
 * events table), the reason, and the decision it was meant for when known.
 */
public final class DuckDbUnjoinedStore implements UnjoinedStore, AutoCloseable {
    private static final String DDL = """
            CREATE TABLE IF NOT EXISTS unjoined_live (reason VARCHAR, for_decision VARCHAR, id VARCHAR, type VARCHAR, ts TIMESTAMP,
              user_id VARCHAR, session_id VARCHAR, decision_id VARCHAR, loop VARCHAR, item VARCHAR, value DOUBLE,
              props VARCHAR, ordinal BIGINT)""";
    private final DuckDBConnection conn;
    private final DuckDbRecordStore store;
    /** The number the next appended row gets (see {@link DuckDbOutcomeStore}). */
    private long next;

    public DuckDbUnjoinedStore(DuckDbRecordStore store) {
        this.store = store;
        try {
            conn = (DuckDBConnection) store.connect();
            conn.setAutoCommit(true);
            next = DerivedTable.open(store, conn, "unjoined", DDL) + 1;
        } catch (SQLException e) {
            throw new LogException("cannot open the unjoined table: " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized void append(List<Unjoined> rows) {
        try (DuckDBAppender a = conn.createAppender("main", "unjoined_live")) {
            for (Unjoined u : rows) {
                a.beginRow().append(u.reason().name().toLowerCase(java.util.Locale.ROOT));
                Rows.nullable(a, u.decision());
                Rows.eventColumns(a, u.event());
                a.append(next++).endRow();
            }
            a.flush();
        } catch (SQLException e) {
            throw new LogException("cannot store unjoined feedback: " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized Map<Unjoined.Reason, Long> counts() {
        Map<Unjoined.Reason, Long> out = new EnumMap<>(Unjoined.Reason.class);
        for (Unjoined.Reason r : Unjoined.Reason.values()) out.put(r, 0L);
        try (Statement s = conn.createStatement(); ResultSet r = s.executeQuery("SELECT reason, count(*) FROM unjoined GROUP BY reason")) {
            while (r.next()) out.put(Unjoined.Reason.valueOf(r.getString(1).toUpperCase(java.util.Locale.ROOT)), r.getLong(2));
            return out;
        } catch (SQLException e) {
            throw new LogException("cannot count unjoined feedback: " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized List<Unjoined> query(Unjoined.Reason reason, int limit) {
        String sql = "SELECT reason, for_decision, id, type, epoch_us(ts), user_id, session_id, decision_id, loop, item, value, props "
                + "FROM unjoined WHERE ? IS NULL OR reason = ? ORDER BY ts, id LIMIT ?";
        try (PreparedStatement p = conn.prepareStatement(sql)) {
            String r = reason == null ? null : reason.name().toLowerCase(java.util.Locale.ROOT);
            p.setString(1, r);
            p.setString(2, r);
            p.setInt(3, limit);
            List<Unjoined> out = new ArrayList<>();
            try (ResultSet rs = p.executeQuery()) {
                while (rs.next()) out.add(row(rs));
            }
            return out;
        } catch (SQLException e) {
            throw new LogException("cannot query unjoined feedback: " + e.getMessage(), e);
        }
    }

    private static Unjoined row(ResultSet r) throws SQLException {
        long us = r.getLong(5);
        Instant ts = Instant.ofEpochSecond(Math.floorDiv(us, 1_000_000L), Math.floorMod(us, 1_000_000L) * 1_000);
        Double value = r.getObject(11) == null ? null : r.getDouble(11);
        Event e = new Event(r.getString(3), r.getString(4), ts, r.getString(6), r.getString(7), r.getString(8),
                r.getString(9), r.getString(10), value, r.getString(12));
        return new Unjoined(e, Unjoined.Reason.valueOf(r.getString(1).toUpperCase(java.util.Locale.ROOT)), r.getString(2));
    }

    @Override
    public synchronized void keepFirst(long n) {
        DerivedTable.keepFirst(store, conn, "unjoined", n);
        next = Math.min(next, n + 1);
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
