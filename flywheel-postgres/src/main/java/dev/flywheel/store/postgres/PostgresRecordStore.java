package dev.flywheel.store.postgres;

import dev.flywheel.event.FieldError;
import dev.flywheel.event.LoggedRecord;
import dev.flywheel.log.LogEntry;
import dev.flywheel.log.RecordStore;
import dev.flywheel.log.Rejected;
import dev.flywheel.log.StoredCounts;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The events, decisions, catalog items and quarantine in PostgreSQL tables. {@link #apply} is one
 * transaction: it locks the applied seq's row, reads it, inserts the rows after it, and moves it and
 * the stored counts on; so a crash leaves rows and seq together, and a second writer (a restarted
 * sink, another process) that applies the same entries waits for the first and then skips them.
 */
public final class PostgresRecordStore implements RecordStore {
    private static final String APPLIED = "applied_seq";
    private final PostgresDatabase db;

    public PostgresRecordStore(PostgresDatabase db) {
        this.db = db;
    }

    @Override
    public long appliedSeq() {
        return db.read("read the applied seq", c -> Meta.read(c, APPLIED));
    }

    @Override
    public void apply(List<LogEntry> entries) {
        if (entries.isEmpty()) return;
        db.transaction("apply log entries to the store", c -> {
            long applied = Meta.lock(c, APPLIED);
            long last = applied;
            try (RecordRows rows = new RecordRows(c)) {
                for (LogEntry e : entries) {
                    if (e.seq() <= applied) continue;
                    rows.add(e);
                    last = Math.max(last, e.seq());
                }
                if (last == applied) return null;
                rows.flush(c);
                Meta.set(c, APPLIED, last);
                add(c, "events.rows", rows.eventCount);
                add(c, "decisions.rows", rows.decisionCount);
                add(c, "quarantine.rows", rows.quarantineCount);
            }
            return null;
        });
    }

    private static void add(Connection c, String key, long n) throws SQLException {
        if (n == 0) return;
        try (PreparedStatement p = c.prepareStatement("UPDATE meta SET value = value + ? WHERE key = ?")) {
            p.setLong(1, n);
            p.setString(2, key);
            p.executeUpdate();
        }
    }

    /** Read from {@code meta}, which each apply moves on with its rows: no count over the tables. */
    @Override
    public StoredCounts counts() {
        return db.read("count stored records", c -> {
            try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("SELECT (SELECT value FROM meta WHERE key = "
                    + "'events.rows'), (SELECT value FROM meta WHERE key = 'decisions.rows'), "
                    + "(SELECT value FROM meta WHERE key = 'quarantine.rows')")) {
                r.next();
                return new StoredCounts(r.getLong(1), r.getLong(2), r.getLong(3));
            }
        });
    }

    @Override
    public List<LogEntry.QuarantineEntry> quarantine(long offset, int limit) {
        String sql = "SELECT seq, received, source, idx, record_id, error_fields, error_messages, raw "
                + "FROM quarantine ORDER BY seq DESC LIMIT ? OFFSET ?";
        return db.read("read the quarantine", c -> {
            try (PreparedStatement p = c.prepareStatement(sql)) {
                p.setInt(1, limit);
                p.setLong(2, offset);
                List<LogEntry.QuarantineEntry> out = new ArrayList<>();
                try (ResultSet r = p.executeQuery()) {
                    while (r.next()) out.add(quarantineRow(r));
                }
                return out;
            }
        });
    }

    private static LogEntry.QuarantineEntry quarantineRow(ResultSet r) throws SQLException {
        List<String> fields = Sql.texts(r, 6);
        List<String> messages = Sql.texts(r, 7);
        List<FieldError> errors = new ArrayList<>();
        for (int i = 0; i < fields.size(); i++) errors.add(new FieldError(fields.get(i), messages.get(i)));
        Rejected rej = new Rejected(r.getString(3), r.getInt(4), r.getString(5), errors, r.getString(8));
        return new LogEntry.QuarantineEntry(r.getLong(1), Sql.instant(r, 2).toEpochMilli(), rej);
    }

    /** Streams the ids through a cursor (a transaction with a fetch size), not all of them at once. */
    @Override
    public void forEachId(LoggedRecord.Kind kind, Consumer<String> sink) {
        String table = kind == LoggedRecord.Kind.EVENT ? "events" : "decisions";
        db.transaction("read stored ids", c -> {
            try (Statement s = c.createStatement()) {
                s.setFetchSize(10_000);
                try (ResultSet r = s.executeQuery("SELECT id FROM " + table)) {
                    while (r.next()) sink.accept(r.getString(1));
                }
            }
            return null;
        });
    }

    /** Nothing to release: the database's pool is its opener's to close. */
    @Override
    public void close() {
    }
}
