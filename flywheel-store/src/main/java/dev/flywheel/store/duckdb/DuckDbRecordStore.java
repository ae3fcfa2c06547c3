package dev.flywheel.store.duckdb;

import dev.flywheel.event.FieldError;
import dev.flywheel.event.LoggedRecord;
import dev.flywheel.log.LogEntry;
import dev.flywheel.log.LogException;
import dev.flywheel.log.RecordStore;
import dev.flywheel.log.Rejected;
import dev.flywheel.log.StoredCounts;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;

/**
 * The embedded store: one DuckDB file holding the events, decisions and quarantine as columns,
 * for analysis. One writer connection applies log entries; queries run on duplicated connections so
 * they never block behind it.
 */
public final class DuckDbRecordStore implements RecordStore {
    private final DuckDBConnection writer;
    private final Path dir;
    private long appliedSeq;

    public DuckDbRecordStore(Path file) {
        dir = file.toAbsolutePath().getParent();
        try {
            writer = (DuckDBConnection) DriverManager.getConnection("jdbc:duckdb:" + file.toAbsolutePath());
            try (Statement s = writer.createStatement()) {
                // the store must work offline: never try to download an extension
                s.execute("SET autoinstall_known_extensions=false");
                s.execute("SET autoload_known_extensions=false");
                searchArchiveBeside(s, file);
            }
            Schema.create(writer);
            writer.setAutoCommit(false);
            appliedSeq = readAppliedSeq();
        } catch (SQLException e) {
            throw new LogException("cannot open the store " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Relative paths (the archive's, in the history views) resolve in the store's directory. The
     * setting is the database's, so every connection duplicated from this one shares it.
     */
    static void searchArchiveBeside(Statement s, Path file) throws SQLException {
        s.execute("SET file_search_path = '" + SnapshotSql.quote(file.toAbsolutePath().getParent()) + "'");
    }

    /** The directory of the store file, beside which its archive lies. */
    Path dir() {
        return dir;
    }

    private long readAppliedSeq() throws SQLException {
        try (Statement s = writer.createStatement();
             ResultSet r = s.executeQuery("SELECT value FROM meta WHERE key = 'applied_seq'")) {
            r.next();
            long v = r.getLong(1);
            writer.commit();
            return v;
        }
    }

    @Override
    public synchronized long appliedSeq() {
        return appliedSeq;
    }

    @Override
    public synchronized void apply(List<LogEntry> entries) {
        try {
            long last = write(entries);
            writer.commit();
            appliedSeq = last;
        } catch (SQLException e) {
            rollback();
            throw new LogException("cannot apply log entries to the store: " + e.getMessage(), e);
        }
    }

    /**
     * Writes the rows and the new applied seq inside one open transaction. The UPDATE runs first on
     * purpose: DuckDB's JDBC driver begins the transaction lazily at the first statement, and an
     * appender flushed before that commits on its own, so a crash between the rows and the seq
     * would apply the same entries twice after recovery (CrashRecoveryTest caught exactly that).
     */
    synchronized long write(List<LogEntry> entries) throws SQLException {
        long last = appliedSeq;
        for (LogEntry e : entries) last = Math.max(last, e.seq());
        try (PreparedStatement p = writer.prepareStatement("UPDATE meta SET value = ? WHERE key = 'applied_seq'")) {
            p.setLong(1, last);
            p.executeUpdate();
        }
        try (DuckDBAppender ev = writer.createAppender("main", "events_live");
             DuckDBAppender dec = writer.createAppender("main", "decisions_live");
             DuckDBAppender items = writer.createAppender("main", "decision_items_live");
             DuckDBAppender shadows = writer.createAppender("main", "decision_shadows_live");
             DuckDBAppender q = writer.createAppender("main", "quarantine_live");
             DuckDBAppender it = writer.createAppender("main", "items_live")) {
            for (LogEntry e : entries) {
                if (e.seq() <= appliedSeq) continue;
                if (e instanceof LogEntry.EventEntry x) Rows.event(ev, x.seq(), x.receivedMillis(), x.event());
                else if (e instanceof LogEntry.DecisionEntry x) Rows.decision(dec, items, shadows, x.seq(), x.receivedMillis(), x.decision());
                else if (e instanceof LogEntry.QuarantineEntry x) Rows.quarantine(q, x.seq(), x.receivedMillis(), x.rejected());
                else if (e instanceof LogEntry.ItemEntry x) Rows.item(it, x.seq(), x.receivedMillis(), x.item());
            }
            ev.flush();
            dec.flush();
            items.flush();
            shadows.flush();
            q.flush();
            it.flush();
        }
        return last;
    }

    synchronized void rollback() {
        try {
            writer.rollback();
        } catch (SQLException ignored) {
            // the transaction is gone with the connection's state either way
        }
    }

    @Override
    public StoredCounts counts() {
        try (Connection c = writer.duplicate(); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT (SELECT count(*) FROM events), (SELECT count(*) FROM decisions), "
                     + "(SELECT count(*) FROM quarantine)")) {
            r.next();
            return new StoredCounts(r.getLong(1), r.getLong(2), r.getLong(3));
        } catch (SQLException e) {
            throw new LogException("cannot count stored records: " + e.getMessage(), e);
        }
    }

    @Override
    public List<LogEntry.QuarantineEntry> quarantine(long offset, int limit) {
        String sql = "SELECT seq, epoch_ms(received), source, idx, record_id, error_fields, error_messages, raw "
                + "FROM quarantine ORDER BY seq DESC LIMIT ? OFFSET ?";
        try (Connection c = writer.duplicate(); PreparedStatement p = c.prepareStatement(sql)) {
            p.setInt(1, limit);
            p.setLong(2, offset);
            List<LogEntry.QuarantineEntry> out = new ArrayList<>();
            try (ResultSet r = p.executeQuery()) {
                while (r.next()) out.add(quarantineRow(r));
            }
            return out;
        } catch (SQLException e) {
            throw new LogException("cannot read the quarantine: " + e.getMessage(), e);
        }
    }

    private static LogEntry.QuarantineEntry quarantineRow(ResultSet r) throws SQLException {
        Object[] fields = (Object[]) r.getArray(6).getArray();
        Object[] messages = (Object[]) r.getArray(7).getArray();
        List<FieldError> errors = new ArrayList<>();
        for (int i = 0; i < fields.length; i++) errors.add(new FieldError((String) fields[i], (String) messages[i]));
        Rejected rej = new Rejected(r.getString(3), r.getInt(4), r.getString(5), errors, r.getString(8));
        return new LogEntry.QuarantineEntry(r.getLong(1), r.getLong(2), rej);
    }

    @Override
    public void forEachId(LoggedRecord.Kind kind, Consumer<String> sink) {
        String table = kind == LoggedRecord.Kind.EVENT ? "events" : "decisions";
        try (Connection c = writer.duplicate(); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT id FROM " + table)) {
            while (r.next()) sink.accept(r.getString(1));
        } catch (SQLException e) {
            throw new LogException("cannot read stored ids: " + e.getMessage(), e);
        }
    }

    /** A new connection on the same database for read queries; the caller closes it. */
    public Connection connect() throws SQLException {
        return writer.duplicate();
    }

    @Override
    public synchronized void close() {
        try {
            writer.close();
        } catch (SQLException e) {
            throw new LogException("cannot close the store: " + e.getMessage(), e);
        }
    }

}
