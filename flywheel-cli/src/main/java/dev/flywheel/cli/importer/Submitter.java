package dev.flywheel.cli.importer;

import dev.flywheel.event.LoggedRecord;
import dev.flywheel.ingest.IngestBatch;
import dev.flywheel.ingest.IngestPipeline;
import dev.flywheel.ingest.IngestResult;
import dev.flywheel.ingest.OverloadedException;
import dev.flywheel.log.LogException;
import dev.flywheel.log.Rejected;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Feeds records to the {@link IngestPipeline} in large batches, in the order given, with a few
 * batches in flight so the pipeline's writer syncs one group while the next is being built. A full
 * queue is waited out, never dropped; a failed append ends the import (what was acknowledged before
 * it is durable).
 */
final class Submitter {
    private final IngestPipeline pipeline;
    private final int batchSize;
    private final int maxInFlight;
    private final ArrayDeque<CompletableFuture<IngestResult>> inFlight = new ArrayDeque<>();
    private List<LoggedRecord> records;
    private List<Rejected> rejected = new ArrayList<>();
    private long submitted;
    private long durable;

    Submitter(IngestPipeline pipeline, int batchSize, int maxInFlight) {
        this.pipeline = pipeline;
        this.batchSize = batchSize;
        this.maxInFlight = maxInFlight;
        this.records = new ArrayList<>(batchSize);
    }

    void add(LoggedRecord r) {
        records.add(r);
        if (records.size() >= batchSize) flush();
    }

    void reject(Rejected r) {
        rejected.add(r);
        if (rejected.size() >= batchSize) flush();
    }

    /** Submits what is buffered. */
    void flush() {
        if (records.isEmpty() && rejected.isEmpty()) return;
        IngestBatch batch = new IngestBatch(records, rejected);
        records = new ArrayList<>(batchSize);
        rejected = new ArrayList<>();
        while (inFlight.size() >= maxInFlight) awaitOldest();
        inFlight.add(submit(batch));
        submitted += batch.size();
    }

    private CompletableFuture<IngestResult> submit(IngestBatch batch) {
        long pause = 1;
        while (true) {
            try {
                return pipeline.submit(batch);
            } catch (OverloadedException e) {
                if (!inFlight.isEmpty()) awaitOldest();
                else sleep(pause);
                pause = Math.min(pause * 2, 100);
            }
        }
    }

    /** Submits the rest and waits until everything is durable. */
    void finish() {
        flush();
        while (!inFlight.isEmpty()) awaitOldest();
    }

    /** Inputs (records and rejections) acknowledged as durable so far. */
    long durable() {
        return durable;
    }

    long submitted() {
        return submitted;
    }

    private void awaitOldest() {
        try {
            IngestResult r = inFlight.poll().join();
            durable += r.accepted() + r.duplicates() + r.rejected().size();
        } catch (CompletionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            throw cause instanceof LogException l ? l : new LogException("the log refused a batch: " + cause.getMessage(), cause);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LogException("interrupted while the ingest queue was full", e);
        }
    }
}
