package dev.flywheel.ingest;

import dev.flywheel.log.EventLog;
import dev.flywheel.log.LogEntry;
import dev.flywheel.log.LogFollower;
import dev.flywheel.log.LogReader;
import dev.flywheel.log.RecordStore;
import java.util.ArrayList;
import java.util.List;

/**
 * Keeps a {@link RecordStore} caught up with the {@link EventLog}. While the log is growing it
 * waits, up to a bounded lag, so that a burst of ingest gets the CPU (on two cores the store's
 * appends cost as much as everything else on the ingest path together); it catches up when the log
 * has been quiet for {@link #IDLE_NANOS}, when the lag reaches its bound, or at once when someone
 * waits for the store to hold their writes.
 *
 * <p>It reads the log rather than taking entries from the writer so that catching up after a crash
 * and following live traffic are the same code; the store records the seq it applied with the
 * data, so a crash between the two never applies an entry twice.
 */
public final class Materializer extends LogFollower {
    private static final int CHUNK = 100_000;
    /** How long the log must be quiet before the store catches up on its own. */
    static final long IDLE_NANOS = 20_000_000L;
    private final RecordStore store;
    private final long maxLag;
    private LogReader reader;
    private volatile long wantedSeq = -1;
    private volatile boolean deferred;
    private long lastSeenNext = -1;
    private long lastGrowth;

    public Materializer(EventLog log, RecordStore store) {
        this(log, store, 2_000_000);
    }

    /** @param maxLag the most log entries the store may trail by while ingest is busy */
    public Materializer(EventLog log, RecordStore store, long maxLag) {
        super(log, "flywheel-materializer", store.appliedSeq());
        if (maxLag < 1) throw new IllegalArgumentException("maxLag must be at least 1");
        this.store = store;
        this.maxLag = maxLag;
        this.reader = log.reader(store.appliedSeq() + 1);
    }

    /** The highest seq the store holds. */
    public long appliedSeq() {
        return progress();
    }

    /** Waits until the store holds every entry up to {@code seq}, so a reader sees its own writes. */
    @Override
    public boolean awaitSeq(long seq, long timeoutMillis) {
        if (seq > wantedSeq) wantedSeq = seq;
        return super.awaitSeq(seq, timeoutMillis);
    }

    /**
     * While {@code on}, the store does not catch up on its own, only for someone waiting for it
     * ({@link #awaitSeq}). A bulk import turns this on: its appends then have the CPU to themselves
     * (on two cores the store's catch-up cost about as much as the whole import path) and the store
     * applies the load afterwards in full chunks. The log holds everything meanwhile, so a crash
     * loses nothing.
     */
    public void defer(boolean on) {
        deferred = on;
    }

    @Override
    protected int step() {
        List<LogEntry> chunk = new ArrayList<>();
        reader.poll(CHUNK, chunk::add);
        if (chunk.isEmpty()) return 0;
        store.apply(chunk);
        progressTo(chunk.get(chunk.size() - 1).seq());
        return chunk.size();
    }

    /** Applies now, rather than leave the CPU to ingest, only when someone waits or the log is quiet or far ahead. */
    @Override
    protected boolean due() {
        long next = log.nextSeq();
        long now = System.nanoTime();
        if (next != lastSeenNext) {
            lastSeenNext = next;
            lastGrowth = now;
        }
        long lag = next - 1 - progress();
        if (lag <= 0) return false;
        return wantedSeq > progress() || !deferred && (lag >= maxLag || now - lastGrowth >= IDLE_NANOS);
    }

    /** The failed chunk was read but not applied: re-read from what the store really holds. */
    @Override
    protected void recover(RuntimeException e) {
        reader.close();
        reader = log.reader(progress() + 1);
    }

    @Override
    public void close() {
        super.close();
        reader.close();
    }
}
