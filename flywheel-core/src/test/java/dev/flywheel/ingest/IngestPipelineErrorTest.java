package dev.flywheel.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.flywheel.event.Event;
import dev.flywheel.event.LoggedRecord;
import dev.flywheel.log.EventLog;
import dev.flywheel.log.LogReader;
import dev.flywheel.log.LogEntry;
import dev.flywheel.log.RecordStore;
import dev.flywheel.log.StoredCounts;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * An Error on the writer thread (a class that failed to initialise, memory run out) used to slip past
 * the pipeline's handling of RuntimeExceptions: the writer died and whatever waited for it — a start
 * in {@code awaitIds}, the requests of the group it was writing and every request queued after —
 * waited for ever. Now each of them fails, and no request is taken after.
 */
class IngestPipelineErrorTest {
    private static final Duration LIMIT = Duration.ofSeconds(10);

    /** A store of nothing whose ids cannot be read, or can. */
    private record Store(Error onIds) implements RecordStore {
        @Override
        public long appliedSeq() {
            return -1;
        }

        @Override
        public void apply(List<LogEntry> entries) { }

        @Override
        public StoredCounts counts() {
            return new StoredCounts(0, 0, 0);
        }

        @Override
        public List<LogEntry.QuarantineEntry> quarantine(long offset, int limit) {
            return List.of();
        }

        @Override
        public void forEachId(LoggedRecord.Kind kind, Consumer<String> sink) {
            if (onIds != null) throw onIds;
        }

        @Override
        public void close() { }
    }

    /** A log whose appends throw {@code onAppend}, or take the entries and keep nothing; never read (no snapshot loads). */
    private record Appender(Error onAppend) implements EventLog {
        @Override
        public void append(List<LogEntry> entries) {
            if (onAppend != null) throw onAppend;
        }

        @Override
        public LogReader reader(long fromSeq) {
            throw new UnsupportedOperationException("read only after a snapshot loads, and none does here");
        }

        @Override
        public long nextSeq() {
            return 0;
        }

        @Override
        public void close() { }
    }

    private static IngestBatch batch(String id) {
        Event e = new Event(id, "click", Instant.parse("2026-12-01T00:00:00Z"), "u1", null, null, null, null, null, null);
        return new IngestBatch(List.of(e), List.of());
    }

    private static Throwable failure(CompletableFuture<IngestResult> f) throws InterruptedException {
        try {
            f.get(LIMIT.toSeconds(), TimeUnit.SECONDS);
            throw new AssertionError("the request was answered as written");
        } catch (ExecutionException e) {
            return e.getCause();
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("the request is still waiting for a writer that is gone");
        }
    }

    @Test
    void anErrorWhileBuildingTheDedupeSetsFailsTheStartsWaitInsteadOfLeavingItWaiting() {
        Error broken = new ExceptionInInitializerError("injected: the id set's random key could not be drawn");
        IngestPipeline p = new IngestPipeline(new Appender(new AssertionError("nothing is appended")), new Store(broken),
                Clock.systemUTC(), IngestSettings.defaults());
        try {
            CompletionException e = assertTimeoutPreemptively(LIMIT, () -> assertThrows(CompletionException.class, p::awaitIds));
            assertSame(broken, e.getCause());
            assertThrows(OverloadedException.class, () -> p.submit(batch("e1")), "no request is taken without the dedupe sets");
        } finally {
            p.close();
        }
    }

    @Test
    void anErrorInAGroupCommitFailsItsRequestsAndTheQueuedOnesAndRefusesMore() throws Exception {
        Error broken = new OutOfMemoryError("injected: the group could not be encoded");
        IngestPipeline p = new IngestPipeline(new Appender(broken), new Store(null), Clock.systemUTC(), IngestSettings.defaults());
        try {
            p.awaitIds();
            List<CompletableFuture<IngestResult>> sent = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                try {
                    sent.add(p.submit(batch("e" + i)));
                } catch (OverloadedException refused) {
                    break; // the writer had already stopped: refused, not queued
                }
            }
            for (CompletableFuture<IngestResult> f : sent) assertSame(broken, failure(f));
            assertTimeoutPreemptively(LIMIT, () -> {
                while (true) {
                    try {
                        CompletableFuture<IngestResult> late = p.submit(batch("late"));
                        assertInstanceOf(Error.class, failure(late));
                    } catch (OverloadedException refused) {
                        return;
                    }
                }
            });
        } finally {
            p.close();
        }
    }

    /** Records the snapshots a close leaves; has none to load. */
    private static final class Snapshots implements IdSnapshotStore {
        final List<IdSnapshot> saved = new ArrayList<>();

        @Override
        public void save(IdSnapshot snapshot) {
            saved.add(snapshot);
        }

        @Override
        public OptionalLong load(Hashes events, Hashes decisions) {
            return OptionalLong.empty();
        }
    }

    /** The dedupe sets hold the ids of the group the Error stopped, which were never written: a close must not leave them. */
    @Test
    void aWriterStoppedByAnErrorLeavesNoSnapshotOfIdsThatWereNotWritten() throws Exception {
        Snapshots healthy = new Snapshots();
        IngestPipeline ok = new IngestPipeline(new Appender(null), new Store(null), Clock.systemUTC(), IngestSettings.defaults(), healthy);
        assertEquals(1, ok.submit(batch("e1")).get(LIMIT.toSeconds(), TimeUnit.SECONDS).accepted());
        ok.close();
        assertEquals(1, healthy.saved.size(), "a clean close leaves its ids");

        Snapshots afterError = new Snapshots();
        Error broken = new OutOfMemoryError("injected: the group could not be written");
        IngestPipeline p = new IngestPipeline(new Appender(broken), new Store(null), Clock.systemUTC(), IngestSettings.defaults(), afterError);
        p.awaitIds();
        assertSame(broken, failure(p.submit(batch("e1"))));
        p.close();
        assertEquals(List.of(), afterError.saved);
    }
}
