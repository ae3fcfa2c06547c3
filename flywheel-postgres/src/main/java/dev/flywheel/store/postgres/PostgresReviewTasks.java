package dev.flywheel.store.postgres;

import dev.flywheel.review.ReviewTask;
import dev.flywheel.review.ReviewTasks;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Review tasks in table {@code review_tasks}, kept across starts (they come from live alerts, which
 * a replay does not deliver again). An add is one transaction that locks the last id handed out:
 * its tasks are all kept, numbered on from it, or none; a task whose subject of the same alert is
 * kept already is skipped by the table's unique key ({@code ON CONFLICT DO NOTHING}).
 */
public final class PostgresReviewTasks implements ReviewTasks {
    private static final String LAST = "review_tasks.last_id";
    private static final String INSERT = "INSERT INTO review_tasks VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) "
            + "ON CONFLICT (loop, alert_id, subject_kind, subject) DO NOTHING";
    private static final String FILTER = " WHERE (?::text IS NULL OR loop = ?) AND (?::text IS NULL OR status = ?)";
    private final PostgresDatabase db;

    public PostgresReviewTasks(PostgresDatabase db) {
        this.db = db;
    }

    @Override
    public List<ReviewTask> add(List<ReviewTask> tasks) {
        if (tasks.isEmpty()) return List.of();
        return db.transaction("keep review tasks", c -> {
            long last = Meta.lock(c, LAST);
            List<ReviewTask> added = new ArrayList<>();
            try (PreparedStatement p = c.prepareStatement(INSERT)) {
                for (ReviewTask t : tasks) {
                    ReviewTask n = t.numbered(last + 1);
                    bind(p, n);
                    if (p.executeUpdate() == 0) continue;
                    added.add(n);
                    last++;
                }
            }
            Meta.set(c, LAST, last);
            return added;
        });
    }

    private static void bind(PreparedStatement p, ReviewTask t) throws SQLException {
        p.setLong(1, t.id());
        Sql.instant(p, 2, t.created());
        p.setString(3, t.loop());
        p.setLong(4, t.alert());
        p.setString(5, t.monitor());
        p.setString(6, t.kind().wireName());
        p.setString(7, t.subject());
        p.setString(8, t.reason());
        p.setString(9, t.status().wireName());
    }

    @Override
    public List<ReviewTask> list(String loop, ReviewTask.Status status, long offset, int limit) {
        String sql = "SELECT id, created, loop, alert_id, monitor, subject_kind, subject, reason, status FROM review_tasks"
                + FILTER + " ORDER BY id LIMIT ? OFFSET ?";
        return db.read("list review tasks", c -> {
            try (PreparedStatement p = c.prepareStatement(sql)) {
                filter(p, loop, status);
                p.setInt(5, limit);
                p.setLong(6, offset);
                List<ReviewTask> out = new ArrayList<>();
                try (ResultSet r = p.executeQuery()) {
                    while (r.next()) out.add(row(r));
                }
                return out;
            }
        });
    }

    @Override
    public long count(String loop, ReviewTask.Status status) {
        return db.read("count review tasks", c -> count(c, loop, status));
    }

    private static long count(Connection c, String loop, ReviewTask.Status status) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("SELECT count(*) FROM review_tasks" + FILTER)) {
            filter(p, loop, status);
            try (ResultSet r = p.executeQuery()) {
                r.next();
                return r.getLong(1);
            }
        }
    }

    private static void filter(PreparedStatement p, String loop, ReviewTask.Status status) throws SQLException {
        String s = status == null ? null : status.wireName();
        Sql.text(p, 1, loop);
        Sql.text(p, 2, loop);
        Sql.text(p, 3, s);
        Sql.text(p, 4, s);
    }

    private static ReviewTask row(ResultSet r) throws SQLException {
        return new ReviewTask(r.getLong(1), Sql.instant(r, 2), r.getString(3), r.getLong(4), r.getString(5),
                ReviewTask.Subject.valueOf(r.getString(6).toUpperCase(Locale.ROOT)), r.getString(7), r.getString(8),
                ReviewTask.Status.parse(r.getString(9)));
    }
}
