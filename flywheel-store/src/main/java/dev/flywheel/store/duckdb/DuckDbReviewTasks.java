package dev.flywheel.store.duckdb;

import dev.flywheel.log.LogException;
import dev.flywheel.review.ReviewTask;
import dev.flywheel.review.ReviewTasks;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.duckdb.DuckDBConnection;

/**
 * Review tasks in the embedded store's file, table {@code review_tasks}. Kept across starts, unlike
 * the tables derived from the log: tasks come from live alerts, which a replay does not deliver
 * again. An add is one transaction: its tasks are all kept, numbered on from the highest id, or none.
 */
public final class DuckDbReviewTasks implements ReviewTasks, AutoCloseable {
    private static final String DDL = """
            CREATE TABLE IF NOT EXISTS review_tasks (id BIGINT PRIMARY KEY, created TIMESTAMP, loop VARCHAR,
              alert_id BIGINT, monitor VARCHAR, subject_kind VARCHAR, subject VARCHAR, reason VARCHAR, status VARCHAR,
              UNIQUE (loop, alert_id, subject_kind, subject))""";
    // the unique key would refuse a repeated task with an error; skipping it is what add promises
    private static final String INSERT = "INSERT INTO review_tasks SELECT ?, make_timestamp(?), ?, ?, ?, ?, ?, ?, ? "
            + "WHERE NOT EXISTS (SELECT 1 FROM review_tasks WHERE loop = ? AND alert_id = ? AND subject_kind = ? AND subject = ?)";
    private static final String FILTER = " WHERE (? IS NULL OR loop = ?) AND (? IS NULL OR status = ?)";
    private final DuckDBConnection conn;

    public DuckDbReviewTasks(DuckDbRecordStore store) {
        try {
            conn = (DuckDBConnection) store.connect();
            conn.setAutoCommit(true);
            try (Statement s = conn.createStatement()) {
                s.execute(DDL);
            }
        } catch (SQLException e) {
            throw new LogException("cannot open the review tasks table: " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized List<ReviewTask> add(List<ReviewTask> tasks) {
        if (tasks.isEmpty()) return List.of();
        try {
            conn.setAutoCommit(false);
            try {
                List<ReviewTask> added = insert(tasks);
                conn.commit();
                return added;
            } catch (SQLException | RuntimeException e) {
                conn.rollback();
                throw e;
            } finally {
                conn.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new LogException("cannot keep review tasks: " + e.getMessage(), e);
        }
    }

    private List<ReviewTask> insert(List<ReviewTask> tasks) throws SQLException {
        long next = maxId() + 1;
        List<ReviewTask> added = new ArrayList<>();
        try (PreparedStatement p = conn.prepareStatement(INSERT)) {
            for (ReviewTask t : tasks) {
                ReviewTask n = t.numbered(next);
                bind(p, n);
                if (p.executeUpdate() == 0) continue;
                added.add(n);
                next++;
            }
        }
        return added;
    }

    private long maxId() throws SQLException {
        try (Statement s = conn.createStatement(); ResultSet r = s.executeQuery("SELECT coalesce(max(id), 0) FROM review_tasks")) {
            r.next();
            return r.getLong(1);
        }
    }

    private static void bind(PreparedStatement p, ReviewTask t) throws SQLException {
        Instant c = t.created();
        p.setLong(1, t.id());
        p.setLong(2, c.getEpochSecond() * 1_000_000L + c.getNano() / 1_000);
        p.setString(3, t.loop());
        p.setLong(4, t.alert());
        p.setString(5, t.monitor());
        p.setString(6, t.kind().wireName());
        p.setString(7, t.subject());
        p.setString(8, t.reason());
        p.setString(9, t.status().wireName());
        p.setString(10, t.loop());
        p.setLong(11, t.alert());
        p.setString(12, t.kind().wireName());
        p.setString(13, t.subject());
    }

    @Override
    public synchronized List<ReviewTask> list(String loop, ReviewTask.Status status, long offset, int limit) {
        String sql = "SELECT id, epoch_us(created), loop, alert_id, monitor, subject_kind, subject, reason, status FROM review_tasks"
                + FILTER + " ORDER BY id LIMIT ? OFFSET ?";
        try (PreparedStatement p = conn.prepareStatement(sql)) {
            filter(p, loop, status);
            p.setInt(5, limit);
            p.setLong(6, offset);
            List<ReviewTask> out = new ArrayList<>();
            try (ResultSet r = p.executeQuery()) {
                while (r.next()) out.add(row(r));
            }
            return out;
        } catch (SQLException e) {
            throw new LogException("cannot list review tasks: " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized long count(String loop, ReviewTask.Status status) {
        try (PreparedStatement p = conn.prepareStatement("SELECT count(*) FROM review_tasks" + FILTER)) {
            filter(p, loop, status);
            try (ResultSet r = p.executeQuery()) {
                r.next();
                return r.getLong(1);
            }
        } catch (SQLException e) {
            throw new LogException("cannot count review tasks: " + e.getMessage(), e);
        }
    }

    private static void filter(PreparedStatement p, String loop, ReviewTask.Status status) throws SQLException {
        String s = status == null ? null : status.wireName();
        p.setString(1, loop);
        p.setString(2, loop);
        p.setString(3, s);
        p.setString(4, s);
    }

    private static ReviewTask row(ResultSet r) throws SQLException {
        long us = r.getLong(2);
        Instant created = Instant.ofEpochSecond(Math.floorDiv(us, 1_000_000L), Math.floorMod(us, 1_000_000L) * 1_000);
        return new ReviewTask(r.getLong(1), created, r.getString(3), r.getLong(4), r.getString(5),
                ReviewTask.Subject.valueOf(r.getString(6).toUpperCase(Locale.ROOT)), r.getString(7), r.getString(8),
                ReviewTask.Status.parse(r.getString(9)));
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
