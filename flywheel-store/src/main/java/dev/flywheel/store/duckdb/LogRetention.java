package dev.flywheel.store.duckdb;

import dev.flywheel.log.LogException;
import dev.flywheel.store.file.ClosedSegment;
import dev.flywheel.store.file.SegmentedFileLog;
import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.function.LongSupplier;
import org.duckdb.DuckDBConnection;

/**
 * Log retention: a closed segment whose every entry was received longer than {@code age} ago, that the
 * store has applied and a checkpoint of the stream operators reflects, is archived as Parquet and
 * deleted ({@link SegmentArchiver}); the derived tables' rows dated before the same cut-off move to
 * the archive too ({@link DerivedArchive}). The log then reads archived entries back from the archive
 * and the store's views add the archived rows, so readers see everything as before, while the log
 * directory and the live store stay bounded by what arrives within {@code age}.
 */
public final class LogRetention implements AutoCloseable {
    private final SegmentedFileLog log;
    private final DuckDbRecordStore store;
    private final LongSupplier checkpointedSeq;
    private final Duration age;
    private final Clock clock;
    /** The newest time an entry was received, per closed segment already looked at (they never change). */
    private final Map<Long, Long> newest = new HashMap<>();
    private DuckDBConnection conn;
    private volatile RetentionStats stats;
    private volatile RuntimeException failure;
    private final java.util.concurrent.CountDownLatch stopped = new java.util.concurrent.CountDownLatch(1);
    private Thread thread;

    /**
     * @param checkpointedSeq the seq the newest checkpoint of the stream operators reflects (-1: none);
     *                        a start restores it and replays only after it
     * @param age             how long after it was received an entry may be archived
     */
    public LogRetention(SegmentedFileLog log, DuckDbRecordStore store, LongSupplier checkpointedSeq, Duration age, Clock clock) {
        if (age == null || age.isNegative() || age.isZero()) throw new IllegalArgumentException("age must be positive");
        this.log = log;
        this.store = store;
        this.checkpointedSeq = checkpointedSeq;
        this.age = age;
        this.clock = clock;
        this.stats = read();
    }

    /** Archives everything due now; returns the totals after it. */
    public RetentionStats runOnce() {
        return runOnce(null);
    }

    synchronized RetentionStats runOnce(SegmentArchiver.Step stopAt) {
        Instant cutoff = clock.instant().minus(age);
        long limit = Math.min(store.appliedSeq(), checkpointedSeq.getAsLong());
        boolean moved = false;
        try {
            // a transaction left open by the last pass would show its snapshot: rows applied since missing
            connection().rollback();
            for (ClosedSegment s : log.closedSegments()) {
                // closing waits for the segment at hand only
                if (stopped.getCount() == 0 || s.lastSeq() > limit || newestReceived(s) >= cutoff.toEpochMilli()) break;
                SegmentArchiver.archive(connection(), log, s, store.dir(), stopAt);
                newest.remove(s.baseSeq());
                moved = true;
            }
            try (Statement st = connection().createStatement()) {
                for (String table : DerivedArchive.TIME.keySet()) {
                    if (DerivedTable.exists(conn, table)) moved |= DerivedArchive.archive(st, store.dir(), table, cutoff).rows() > 0;
                }
            }
            conn.commit();
            failure = null;
        } catch (SQLException | IOException | RuntimeException e) {
            rollback();
            RuntimeException f = e instanceof RuntimeException r ? r : new LogException("log retention failed: " + e.getMessage(), e);
            failure = f;
            throw f;
        } finally {
            stats = read();
        }
        if (moved) reclaim();
        return stats;
    }

    private long newestReceived(ClosedSegment s) {
        return newest.computeIfAbsent(s.baseSeq(), k -> {
            long[] max = {Long.MIN_VALUE};
            log.read(s, (seq, received, body, offset, length) -> max[0] = Math.max(max[0], received));
            return max[0];
        });
    }

    private DuckDBConnection connection() throws SQLException {
        if (conn == null) {
            conn = (DuckDBConnection) store.connect();
            conn.setAutoCommit(false);
        }
        return conn;
    }

    private void rollback() {
        try {
            if (conn != null) conn.rollback();
        } catch (SQLException ignored) {
            // the connection's transaction is gone either way
        }
    }

    /** Lets DuckDB reuse the deleted rows' blocks now; it skips this while others write and does it later. */
    private void reclaim() {
        try (Connection c = store.connect(); Statement s = c.createStatement()) {
            s.execute("CHECKPOINT");
        } catch (SQLException ignored) {
            // another transaction is writing: DuckDB's own checkpoint reclaims the space later
        }
    }

    private RetentionStats read() {
        try (Connection c = store.connect(); Statement s = c.createStatement()) {
            long rows = 0;
            long bytes = 0;
            for (String table : DerivedArchive.TIME.keySet()) {
                if (!DerivedTable.exists(c, table)) continue;
                rows += DerivedTable.meta(s, "archived_" + table);
                bytes += DerivedArchive.bytes(store.dir(), table);
            }
            return new RetentionStats(DerivedTable.meta(s, "archived_segments"), DerivedTable.meta(s, "archived_entries"),
                    DerivedTable.meta(s, "archived_bytes"), DerivedTable.meta(s, "archived_log_bytes"),
                    DerivedTable.meta(s, "archived_seq"), rows, bytes);
        } catch (SQLException | IOException e) {
            throw new LogException("cannot read the archive's totals: " + e.getMessage(), e);
        }
    }

    /** The totals after the last pass. */
    public RetentionStats stats() {
        return stats;
    }

    /** The last pass's failure, null when it succeeded; the next pass tries again. */
    public RuntimeException failure() {
        return failure;
    }

    /** Runs a pass every {@code every} (wall time) on a daemon thread until closed. */
    public synchronized void start(Duration every) {
        if (thread != null) return;
        thread = new Thread(() -> loop(every.toMillis()), "flywheel-log-retention");
        thread.setDaemon(true);
        thread.start();
    }

    /** Not interrupted to stop: an interrupt closes the file channels of a pass half done. */
    private void loop(long everyMillis) {
        try {
            while (!stopped.await(everyMillis, java.util.concurrent.TimeUnit.MILLISECONDS)) {
                try {
                    runOnce();
                } catch (RuntimeException e) {
                    // kept in failure(); nothing was deleted that is not archived, and the next pass retries
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        stopped.countDown();
        Thread t;
        synchronized (this) {
            t = thread;
        }
        if (t != null) {
            try {
                t.join(60_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        synchronized (this) {
            try {
                if (conn != null) conn.close();
            } catch (SQLException ignored) {
                // closing is all that is left to do with it
            }
            conn = null;
        }
    }
}
