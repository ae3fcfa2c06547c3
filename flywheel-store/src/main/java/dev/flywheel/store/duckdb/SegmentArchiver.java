package dev.flywheel.store.duckdb;

import dev.flywheel.log.LogException;
import dev.flywheel.store.file.ClosedSegment;
import dev.flywheel.store.file.SegmentedFileLog;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;

/**
 * Archives one closed segment: its entries' stored bytes and the store's rows for them become one
 * Parquet row per entry ({@link ParquetArchive}); then, in one transaction, the rows leave the live
 * tables and the archived seq moves past the segment; only then is the segment deleted. A crash
 * before the transaction leaves files no reader counts (the segment is still there, and the views
 * count archived rows only up to the archived seq), which the next attempt replaces file by file; a
 * crash after it leaves a segment that is only deleted.
 */
final class SegmentArchiver {
    /** Where a test stops an archiving, as a crash would. */
    enum Step { FILES_WRITTEN, RECORDED }

    /** Thrown where a test asked the archiving to stop. */
    static final class Stopped extends RuntimeException {
        Stopped(Step step) {
            super("stopped after " + step);
        }
    }

    /** What archiving a segment added to the archive. */
    record Archived(long entries, long bytes) { }

    private SegmentArchiver() { }

    static Archived archive(DuckDBConnection c, SegmentedFileLog log, ClosedSegment seg, Path dir, Step stopAt)
            throws SQLException, IOException {
        try (Statement s = c.createStatement()) {
            long archivedSeq = Schema.archivedSeq(s);
            if (seg.lastSeq() <= archivedSeq) {
                log.delete(seg); // archived and recorded before a crash
                return new Archived(0, 0);
            }
            long entries = stage(c, s, log, seg);
            ArchiveFiles.Written w = ArchiveFiles.write(s, "SELECT * FROM archive_rows", dir.resolve("archive"),
                    dir.resolve("archive.staging"), ParquetArchive.name(seg.baseSeq()));
            if (stopAt == Step.FILES_WRITTEN) throw new Stopped(stopAt);
            record(c, s, archivedSeq, seg, entries, w.bytes());
            if (stopAt == Step.RECORDED) throw new Stopped(stopAt);
            log.delete(seg);
            s.execute("DROP TABLE archive_rows");
            return new Archived(entries, w.bytes());
        }
    }

    /** Puts the segment's entries with their rows into the temporary table {@code archive_rows}; returns how many. */
    private static long stage(DuckDBConnection c, Statement s, SegmentedFileLog log, ClosedSegment seg) throws SQLException {
        s.execute("CREATE OR REPLACE TEMP TABLE archive_batch (seq BIGINT, entry BLOB)");
        try (DuckDBAppender a = c.createAppender("temp", "main", "archive_batch")) {
            SQLException[] failed = {null};
            log.read(seg, (seq, received, body, offset, length) -> {
                try {
                    if (failed[0] == null) a.beginRow().append(seq).append(Arrays.copyOfRange(body, offset, offset + length)).endRow();
                } catch (SQLException e) {
                    failed[0] = e;
                }
            });
            if (failed[0] != null) throw failed[0];
            a.flush();
        }
        stageRows(c, s, seg.baseSeq(), seg.lastSeq(), "log segment");
        return seg.endSeq() - seg.baseSeq();
    }

    /**
     * Turns the entries of seqs {@code from..to} in the temporary table {@code archive_batch} into the
     * archive's rows ({@code archive_rows}), checking that the store holds exactly one row for each.
     */
    static void stageRows(DuckDBConnection c, Statement s, long from, long to, String what) throws SQLException {
        s.execute("CREATE OR REPLACE TEMP TABLE archive_rows AS " + ArchiveSql.rows(from, to));
        s.execute("DROP TABLE archive_batch");
        try (ResultSet r = s.executeQuery("SELECT count(*), count(kind), count(DISTINCT seq) FROM archive_rows")) {
            r.next();
            long n = to - from + 1;
            if (r.getLong(1) != n || r.getLong(2) != n || r.getLong(3) != n) {
                throw new LogException("the store does not hold exactly the rows of " + what + " " + from + ".." + to
                        + " (entries " + n + ", rows " + r.getLong(1) + ", with a row " + r.getLong(2) + ", seqs " + r.getLong(3)
                        + "): not archived");
            }
        }
        c.commit();
    }

    /** Removes the archived rows from the live tables and records the archive, in one transaction. */
    private static void record(DuckDBConnection c, Statement s, long archivedSeq, ClosedSegment seg, long entries, long bytes)
            throws SQLException {
        // from just after the archived seq: a store rebuilt from the log holds rows archived before it
        for (String table : LogViews.liveTables()) {
            s.execute("DELETE FROM " + table + " WHERE seq > " + archivedSeq + " AND seq <= " + seg.lastSeq());
        }
        s.execute("UPDATE meta SET value = " + seg.lastSeq() + " WHERE key = 'archived_seq'");
        add(s, "archived_segments", 1);
        add(s, "archived_entries", entries);
        add(s, "archived_bytes", bytes);
        add(s, "archived_log_bytes", seg.bytes());
        if (archivedSeq < 0) LogViews.create(s, true);
        c.commit();
    }

    private static void add(Statement s, String key, long n) throws SQLException {
        s.execute("UPDATE meta SET value = value + " + n + " WHERE key = '" + key + "'");
    }
}
