package dev.flywheel.ingest;

import dev.flywheel.event.LoggedRecord;
import dev.flywheel.log.EventLog;
import dev.flywheel.log.LogAppender;
import dev.flywheel.log.LogEntry;
import dev.flywheel.log.RecordStore;
import dev.flywheel.log.Rejected;
import dev.flywheel.log.StoredCounts;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * Turns parsed requests into durable log entries with group commit: request threads enqueue, one
 * writer thread takes everything queued, drops ids seen before, appends it all in one durable
 * append and only then completes the requests. One writer means dedupe needs no locks and the log
 * sees a single ordered stream; grouping means one sync covers many requests.
 */
public final class IngestPipeline implements AutoCloseable {
    private final LogAppender log;
    /** The same log when it can be read back (the file log), whose dedupe-id snapshot is valid only with it; else null. */
    private final EventLog readable;
    private final Clock clock;
    private final IngestSettings settings;
    private final IngestStats stats = new IngestStats();
    /** The store's counts when the pipeline was made: what its dedupe sets are built from. */
    private final StoredCounts countsAtStart;
    private final BlockingQueue<Pending> queue;
    /** Built by the writer thread before it takes a request, and only ever touched by it (and by close after it). */
    private IdSet eventIds;
    private IdSet decisionIds;
    /** Where the dedupe sets are left at close and found at the next start; null for nowhere. */
    private final IdSnapshotStore snapshots;
    /** Completes once the dedupe sets are built: whether from a snapshot (and the log after it) rather than the store. */
    private final CompletableFuture<Boolean> idsReady = new CompletableFuture<>();
    private final Thread writer;
    /**
     * Completes requests off the writer thread: whatever the caller chained onto the future (render
     * the answer, hand it to the HTTP server) would otherwise run on the writer and hold up the
     * next group commit; profiling single-event requests showed the writer spending most of its
     * time in HTTP response code. (Blocking the request threads instead measured slower.)
     */
    private final ExecutorService acks = Executors.newFixedThreadPool(2, r -> {
        Thread t = new Thread(r, "flywheel-ingest-ack");
        t.setDaemon(true);
        return t;
    });
    private volatile boolean running = true;
    /** The writer stopped on a failure: its dedupe sets may hold ids of a group that was not written, so no snapshot of them is left. */
    private volatile boolean stopped;
    private boolean closed;

    /**
     * Starts the writer thread, which first builds the dedupe sets from {@code store} (it must already
     * have applied the whole log, see {@link Materializer#catchUp()}) and only then takes requests:
     * a start goes on meanwhile and waits for them at the end ({@link #awaitIds}).
     */
    public IngestPipeline(LogAppender log, RecordStore store, Clock clock, IngestSettings settings) {
        this(log, null, store, clock, settings, null);
    }

    /**
     * The same, with the dedupe sets taken from the snapshot the last clean close left in
     * {@code snapshots} plus the log after it, when that adds up to the store's counts (otherwise read
     * from the store), and left there again at {@link #close}.
     */
    public IngestPipeline(EventLog log, RecordStore store, Clock clock, IngestSettings settings, IdSnapshotStore snapshots) {
        this(log, log, store, clock, settings, snapshots);
    }

    private IngestPipeline(LogAppender log, EventLog readable, RecordStore store, Clock clock, IngestSettings settings,
                           IdSnapshotStore snapshots) {
        this.log = log;
        this.readable = readable;
        this.clock = clock;
        this.settings = settings;
        this.snapshots = snapshots;
        this.queue = new ArrayBlockingQueue<>(settings.maxQueuedBatches());
        this.countsAtStart = store.counts();
        this.writer = new Thread(() -> {
            if (buildIds(store, countsAtStart)) runWriter();
        }, "flywheel-ingest-writer");
        writer.setDaemon(true);
        writer.start();
    }

    /**
     * Queues a parsed request. The future completes once everything accepted is durable, or fails
     * with {@link dev.flywheel.log.LogException} when the log could not take it (nothing counts then).
     *
     * @throws OverloadedException when too many requests are already waiting
     */
    public CompletableFuture<IngestResult> submit(IngestBatch batch) {
        if (!running) throw new OverloadedException("ingest is shutting down");
        Pending p = new Pending(batch, new CompletableFuture<>());
        if (!queue.offer(p)) throw new OverloadedException("ingest queue is full; retry later");
        // stopped meanwhile: the writer may have drained the queue before this offer, and nothing would take it
        if (!running && queue.remove(p)) throw new OverloadedException("ingest is shutting down");
        return p.done;
    }

    public IngestStats stats() {
        return stats;
    }

    /** The store's counts read when the pipeline was made (a server shows them as its counts at start). */
    public StoredCounts countsAtStart() {
        return countsAtStart;
    }

    /** Whether the dedupe sets were rebuilt from the last close's snapshot and the log after it (waits for them). */
    public boolean idsFromSnapshot() {
        return awaitIds();
    }

    /**
     * Waits until the dedupe sets are built; rethrows what stopped them (the pipeline then takes no
     * request). Returns whether they came from the snapshot.
     */
    public boolean awaitIds() {
        try {
            return idsReady.join();
        } catch (java.util.concurrent.CompletionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : e;
        }
    }

    /** On the writer thread, before any request; false (and nothing taken) when they could not be built. */
    private boolean buildIds(RecordStore store, StoredCounts counts) {
        try {
            // the log after the snapshot is read back, so only a log that can be read has a snapshot
            IdSet[] fromSnapshot = readable != null ? StoredIds.fromSnapshot(snapshots, readable, counts) : null;
            IdSet[] ids = fromSnapshot != null ? fromSnapshot : StoredIds.fromStore(store, counts);
            eventIds = ids[0];
            decisionIds = ids[1];
            idsReady.complete(fromSnapshot != null);
            return true;
        } catch (RuntimeException e) {
            stop(e, List.of());
            return false;
        } catch (Error e) {
            stop(e, List.of());
            throw e;
        }
    }

    /**
     * The writer cannot go on: takes no more requests and fails the ones it holds and the wait for
     * the dedupe sets, rather than leave them waiting for a writer that is gone.
     */
    private void stop(Throwable e, List<Pending> group) {
        stopped = true;
        running = false;
        idsReady.completeExceptionally(e);
        group.forEach(p -> ack(() -> p.done.completeExceptionally(e)));
        Pending p;
        while ((p = queue.poll()) != null) p.done.completeExceptionally(e);
    }

    private void runWriter() {
        List<Pending> group = new ArrayList<>();
        while (running || !queue.isEmpty()) {
            try {
                Pending first = queue.poll(50, TimeUnit.MILLISECONDS);
                if (first == null) continue;
                group.add(first);
                int entries = first.batch.size();
                Pending next;
                while (entries < settings.maxGroupEntries() && (next = queue.poll()) != null) {
                    group.add(next);
                    entries += next.batch.size();
                }
                commit(group);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                group.forEach(p -> ack(() -> p.done.completeExceptionally(e)));
            } catch (Error e) {
                stop(e, group);
                throw e;
            } finally {
                group.clear();
            }
        }
    }

    private void commit(List<Pending> group) {
        long now = clock.millis();
        long seq = log.nextSeq();
        List<LogEntry> entries = new ArrayList<>();
        List<LoggedRecord> added = new ArrayList<>();
        int[] dups = new int[group.size()];
        for (int g = 0; g < group.size(); g++) {
            IngestBatch batch = group.get(g).batch;
            for (LoggedRecord r : batch.records()) {
                if (r.kind() == LoggedRecord.Kind.ITEM) {
                    entries.add(entryOf(seq++, now, r)); // items are state: a repeat is a new version
                } else if (!idsOf(r).add(r.id())) {
                    dups[g]++;
                } else {
                    added.add(r);
                    entries.add(entryOf(seq++, now, r));
                }
            }
            for (Rejected rej : batch.rejected()) entries.add(new LogEntry.QuarantineEntry(seq++, now, rej));
        }
        long t0 = System.nanoTime();
        try {
            if (!entries.isEmpty()) log.append(entries);
        } catch (RuntimeException e) {
            stats.failedCommits.increment();
            added.forEach(r -> idsOf(r).remove(r.id()));
            throw e;
        }
        stats.commits.increment();
        stats.commitNanos.add(System.nanoTime() - t0);
        for (LoggedRecord r : added) {
            (r.kind() == LoggedRecord.Kind.EVENT ? stats.eventsAccepted : stats.decisionsAccepted).increment();
        }
        for (Pending p : group) {
            for (LoggedRecord r : p.batch.records()) if (r.kind() == LoggedRecord.Kind.ITEM) stats.itemsAccepted.increment();
        }
        for (int g = 0; g < group.size(); g++) complete(group.get(g), dups[g]);
    }

    private void complete(Pending p, int dups) {
        stats.duplicates.add(dups);
        p.batch.rejected().forEach(r -> stats.countRejected(r.source()));
        IngestResult result = new IngestResult(p.batch.records().size() - dups, dups, p.batch.rejected());
        ack(() -> p.done.complete(result));
    }

    /**
     * Completes on the ack pool, or here once {@link #close()} has shut it: a log that held an append
     * past the close's wait (Kafka with its brokers down) left the writer failing on a closed pool,
     * its requests never answered.
     */
    private void ack(Runnable completion) {
        try {
            acks.execute(completion);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            completion.run();
        }
    }

    private IdSet idsOf(LoggedRecord r) {
        return r.kind() == LoggedRecord.Kind.EVENT ? eventIds : decisionIds;
    }

    private static LogEntry entryOf(long seq, long now, LoggedRecord r) {
        if (r instanceof dev.flywheel.event.Event e) return new LogEntry.EventEntry(seq, now, e);
        if (r instanceof dev.flywheel.catalog.Item i) return new LogEntry.ItemEntry(seq, now, i);
        return new LogEntry.DecisionEntry(seq, now, (dev.flywheel.decision.Decision) r);
    }

    /**
     * Stops taking requests, lets the writer finish what is queued, and waits for it; then leaves the
     * dedupe sets in the snapshot store (once the writer has stopped: they are its alone).
     */
    @Override
    public synchronized void close() {
        if (closed) return;
        closed = true;
        running = false;
        try {
            writer.join(10_000);
            acks.shutdown();
            acks.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (snapshots == null || stopped || writer.isAlive() || !idsReady.isDone() || idsReady.isCompletedExceptionally()) return;
        try {
            snapshots.save(new IdSnapshot(log.nextSeq() - 1, eventIds.snapshot(), decisionIds.snapshot()));
        } catch (RuntimeException e) {
            // the previous snapshot stays, and the next start reads the log after it: slower, as correct
        }
    }

    private record Pending(IngestBatch batch, CompletableFuture<IngestResult> done) { }
}
