package dev.flywheel.store.postgres;

import dev.flywheel.feature.ServingStateBatch;
import dev.flywheel.log.LogEntry;
import dev.flywheel.state.StateWriter;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Writes the parts of a {@link ServingStateBatch} beyond feature states, inside the caller's
 * transaction: learner states, collaborative models, consumed items and interaction histories
 * replaced only by a newer position, catalog entries
 * once per seq (a restored job numbers its replay alike), offsets only upwards. Rows in key order,
 * so two writers lock them in the same order.
 */
final class ServingStateRows {
    /** A state per loop (learner states, collaborative models), replaced only by a newer position. */
    private static final String LOOP_STATE = """
            INSERT INTO %1$s AS m (loop, seq, after_idle, %2$s) VALUES (?, ?, ?, ?)
            ON CONFLICT (loop) DO UPDATE SET seq = excluded.seq, after_idle = excluded.after_idle, %2$s = excluded.%2$s
            WHERE (excluded.seq, excluded.after_idle) > (m.seq, m.after_idle)""";
    /** A state per loop and user (consumed items, interaction histories), replaced only by a newer position. */
    private static final String USER_STATE = """
            INSERT INTO %1$s AS u (loop, user_id, seq, after_idle, %2$s) VALUES (?, ?, ?, ?, ?)
            ON CONFLICT (loop, user_id) DO UPDATE SET seq = excluded.seq, after_idle = excluded.after_idle, %2$s = excluded.%2$s
            WHERE (excluded.seq, excluded.after_idle) > (u.seq, u.after_idle)""";
    private static final String ITEM = "INSERT INTO catalog_entries (seq, entry) VALUES (?, ?) ON CONFLICT (seq) DO NOTHING";
    private static final String OFFSET = """
            INSERT INTO applied_offsets AS a (log_partition, log_offset) VALUES (?, ?)
            ON CONFLICT (log_partition) DO UPDATE SET log_offset = excluded.log_offset WHERE excluded.log_offset > a.log_offset""";

    private ServingStateRows() { }

    /** The states and entries of {@code b}; its offsets are {@link #offsets}' (written last). */
    static void states(Connection c, ServingStateBatch b) throws SQLException {
        loopStates(c, "learner_states", "state", b.models());
        loopStates(c, "collaborative_models", "state", b.collaborative());
        loopStates(c, "loop_status", "state", b.status());
        userStates(c, "consumed_items", "items", b.consumed());
        userStates(c, "interaction_histories", "history", b.histories());
        if (!b.items().isEmpty()) items(c, b.items());
    }

    private static void loopStates(Connection c, String table, String column, List<ServingStateBatch.Model> rows) throws SQLException {
        if (rows.isEmpty()) return;
        List<ServingStateBatch.Model> sorted = new ArrayList<>(rows);
        sorted.sort(Comparator.comparing(ServingStateBatch.Model::loop));
        try (PreparedStatement p = c.prepareStatement(LOOP_STATE.formatted(table, column))) {
            for (ServingStateBatch.Model m : sorted) {
                p.setString(1, m.loop());
                p.setLong(2, m.seq());
                p.setBoolean(3, m.afterIdle());
                p.setBytes(4, m.bytes());
                p.addBatch();
            }
            p.executeBatch();
        }
    }

    private static void userStates(Connection c, String table, String column, List<ServingStateBatch.PerUser> rows) throws SQLException {
        if (rows.isEmpty()) return;
        List<ServingStateBatch.PerUser> sorted = new ArrayList<>(rows);
        sorted.sort(Comparator.comparing(ServingStateBatch.PerUser::loop).thenComparing(ServingStateBatch.PerUser::user));
        try (PreparedStatement p = c.prepareStatement(USER_STATE.formatted(table, column))) {
            for (ServingStateBatch.PerUser u : sorted) {
                p.setString(1, u.loop());
                p.setString(2, u.user());
                p.setLong(3, u.seq());
                p.setBoolean(4, u.afterIdle());
                p.setBytes(5, u.bytes());
                p.addBatch();
            }
            p.executeBatch();
        }
    }

    private static void items(Connection c, List<LogEntry.ItemEntry> items) throws SQLException {
        try (PreparedStatement p = c.prepareStatement(ITEM)) {
            for (LogEntry.ItemEntry i : items) {
                p.setLong(1, i.seq());
                p.setBytes(2, new StateWriter().putEntry(i).toByteArray());
                p.addBatch();
            }
            p.executeBatch();
        }
    }

    static void offsets(Connection c, Map<Integer, Long> applied) throws SQLException {
        if (applied.isEmpty()) return;
        try (PreparedStatement p = c.prepareStatement(OFFSET)) {
            for (Map.Entry<Integer, Long> o : new TreeMap<>(applied).entrySet()) {
                p.setInt(1, o.getKey());
                p.setLong(2, o.getValue());
                p.addBatch();
            }
            p.executeBatch();
        }
    }
}
