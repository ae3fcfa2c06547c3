package dev.flywheel.ingest;

import dev.flywheel.log.EventLog;
import dev.flywheel.log.LogEntry;
import dev.flywheel.log.LogReader;
import dev.flywheel.log.RecordStore;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Keeps a {@link RecordStore} caught up with the {@link EventLog}. While the log is growing it
 * waits, up to a bounded lag, so that a burst of ingest gets the CPU (on two cores the store's
 * appends cost as much as everything else on the ingest path together); it catches up when the log
 * has been quiet for {@link #IDLE_NANOS}, when the lag reaches its bound, or at once when someone
 * waits for the store to hold their writes. It reads the log rather than
 * taking entries from the writer so that catching up after a crash and following live traffic are
 * the same code; the store records the seq it applied with the data, so a crash between the two
 * never applies an entry twice.
 */
public final class Materializer implements AutoCloseable {
    private static final int CHUNK = 100_000;
    /** How long the log must be quiet before the store catches up on its own. */
    static final long IDLE_NANOS = 20_000_000L;
    private final long maxLag;
    private volatile long wantedSeq = -1;
    private long lastSeenNext = -1;
    private long lastGrowth;
    private final EventLog log;
    private final RecordStore store;
    private LogReader reader;
    private volatile long applied;
    private volatile boolean running;
    private Thread thread;
    private volatile RuntimeException failure;

    public Materializer(EventLog log, RecordStore store) {
        this(log, store, 2_000_000);
    }

    /** @param maxLag the most log entries the store may trail by while ingest is busy */
    public Materializer(EventLog log, RecordStore store, long maxLag) {
        if (maxLag < 1) throw new IllegalArgumentException("maxLag must be at least 1");
        this.maxLag = maxLag;
        this.log = log;
        this.store = store;
        this.applied = store.appliedSeq();
        this.reader = log.reader(applied + 1);
    }

    /** Applies everything the log holds beyond the store, on the calling thread. */
    public long catchUp() {
        while (step() > 0) {
            // keep going until the reader is at the end
        }
        return applied;
    }

    /** Follows the log on a background thread from now on. */
    public synchronized void start() {
        if (thread != null) return;
        running = true;
        thread = new Thread(this::run, "flywheel-materializer");
        thread.setDaemon(true);
        thread.start();
    }

    /** The highest seq the store holds. */
    public long appliedSeq() {
        return applied;
    }

    /**
     * Waits until the store holds every entry up to {@code seq}, so a reader sees its own writes.
     *
     * @return false when the wait timed out
     */
    public boolean awaitApplied(long seq, long timeoutMillis) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        if (seq > wantedSeq) wantedSeq = seq;
        while (applied < seq) {
            if (failure != null) throw failure;
            if (System.nanoTime() > deadline) return false;
            LockSupport.parkNanos(200_000);
        }
        return true;
    }

    /** Waits until the store holds everything the log held when this was called. */
    public boolean awaitCurrent(long timeoutMillis) {
        return awaitApplied(log.nextSeq() - 1, timeoutMillis);
    }

    private int step() {
        List<LogEntry> chunk = new ArrayList<>();
        reader.poll(CHUNK, chunk::add);
        if (chunk.isEmpty()) return 0;
        store.apply(chunk);
        applied = chunk.get(chunk.size() - 1).seq();
        return chunk.size();
    }

    /** Whether to apply now rather than leave the CPU to ingest. */
    private boolean due() {
        long next = log.nextSeq();
        long now = System.nanoTime();
        if (next != lastSeenNext) {
            lastSeenNext = next;
            lastGrowth = now;
        }
        long lag = next - 1 - applied;
        if (lag <= 0) return false;
        return wantedSeq > applied || lag >= maxLag || now - lastGrowth >= IDLE_NANOS;
    }

    private void run() {
        while (running) {
            try {
                if (!due()) {
                    LockSupport.parkNanos(1_000_000);
                    continue;
                }
                int n = step();
                failure = null;
                if (n == 0) LockSupport.parkNanos(1_000_000);
            } catch (RuntimeException e) {
                // a store that cannot apply must not spin; the log still holds everything, so
                // re-read from what the store really has and try again later
                failure = e;
                reader.close();
                reader = log.reader(applied + 1);
                LockSupport.parkNanos(1_000_000_000L);
            }
        }
    }

    @Override
    public void close() {
        running = false;
        if (thread != null) {
            try {
                thread.join(30_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        reader.close();
    }
}
