package dev.flywheel.store.duckdb;

import dev.flywheel.log.LogException;
import dev.flywheel.outcome.Outcome;
import dev.flywheel.outcome.OutcomeStore;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;

/** Outcomes in the embedded store's file, in their own table, for queries and exports. */
public final class DuckDbOutcomeStore implements OutcomeStore, AutoCloseable {
    private static final String DDL = """
            CREATE TABLE IF NOT EXISTS outcomes_live (decision_id VARCHAR, loop VARCHAR, user_id VARCHAR, item VARCHAR,
              position INTEGER, propensity DOUBLE, score DOUBLE, model VARCHAR, arm VARCHAR, decided_at TIMESTAMP,
              candidates INTEGER, reactions VARCHAR[], reward DOUBLE, ignored BOOLEAN, late_count INTEGER, ordinal BIGINT)""";
    private final DuckDBConnection conn;
    private final DuckDbRecordStore store;
    /** The number the next appended row gets: rows are numbered from 1 in the order appended. */
    private long next;

    public DuckDbOutcomeStore(DuckDbRecordStore store) {
        this.store = store;
        try {
            conn = (DuckDBConnection) store.connect();
            conn.setAutoCommit(true);
            // derived from the log: a table of an older layout is rebuilt by the replay
            next = DerivedTable.open(store, conn, "outcomes", DDL) + 1;
        } catch (SQLException e) {
            throw new LogException("cannot open the outcome table: " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized void append(List<Outcome> outcomes) {
        try (DuckDBAppender a = conn.createAppender("main", "outcomes_live")) {
            for (Outcome o : outcomes) {
                a.beginRow().append(o.decision()).append(o.loop()).append(o.user()).append(o.item()).append(o.position());
                if (o.propensity() == null) a.appendNull(); else a.append(o.propensity().doubleValue());
                if (o.score() == null) a.appendNull(); else a.append(o.score().doubleValue());
                a.append(o.model()).append(o.arm())
                        .appendEpochMicros(o.decidedAt().getEpochSecond() * 1_000_000L + o.decidedAt().getNano() / 1_000)
                        .append(o.candidates()).append(o.reactions()).append(o.reward()).append(o.ignored())
                        .append(o.lateCount()).append(next++).endRow();
            }
            a.flush();
        } catch (SQLException e) {
            throw new LogException("cannot store outcomes: " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized List<Outcome> query(String loop, Instant from, Instant to, int limit) {
        String sql = "SELECT decision_id, loop, user_id, item, position, propensity, score, model, arm, epoch_us(decided_at), "
                + "reactions, reward, ignored, late_count, candidates FROM outcomes WHERE loop = ? AND decided_at >= make_timestamp(?) "
                + "AND decided_at < make_timestamp(?) ORDER BY decided_at, decision_id, position LIMIT ?";
        try (PreparedStatement p = conn.prepareStatement(sql)) {
            p.setString(1, loop);
            p.setLong(2, micros(from));
            p.setLong(3, micros(to));
            p.setInt(4, limit);
            List<Outcome> out = new ArrayList<>();
            try (ResultSet r = p.executeQuery()) {
                while (r.next()) out.add(row(r));
            }
            return out;
        } catch (SQLException e) {
            throw new LogException("cannot query outcomes: " + e.getMessage(), e);
        }
    }

    static Outcome row(ResultSet r) throws SQLException {
        long us = r.getLong(10);
        Object[] reactions = (Object[]) r.getArray(11).getArray();
        Double propensity = r.getObject(6) == null ? null : r.getDouble(6);
        Double score = r.getObject(7) == null ? null : r.getDouble(7);
        return new Outcome(r.getString(1), r.getString(2), r.getString(3), r.getString(4), r.getInt(5), propensity,
                score, r.getString(8), r.getString(9), Rows.instant(us),
                r.getInt(15), Arrays.stream(reactions).map(String::valueOf).toList(), r.getDouble(12), r.getBoolean(13), r.getInt(14));
    }

    private static long micros(Instant t) {
        return t.getEpochSecond() * 1_000_000L + t.getNano() / 1_000;
    }

    @Override
    public synchronized void keepFirst(long n) {
        DerivedTable.keepFirst(store, conn, "outcomes", n);
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
