package dev.flywheel.log;

import java.util.List;

/**
 * The queryable copy of the event log (events, decisions, quarantine), kept up to date by applying
 * log entries in order. Applying is idempotent by seq, so the store can always be rebuilt or caught
 * up from the log after a crash.
 */
public interface RecordStore extends AutoCloseable {

    /** The highest seq applied, or -1 when nothing was. */
    long appliedSeq();

    /**
     * Applies entries in one atomic step together with the new applied seq. Entries at or below
     * {@link #appliedSeq()} are skipped.
     */
    void apply(List<LogEntry> entries);

    StoredCounts counts();

    /** Quarantined inputs, newest first. */
    List<LogEntry.QuarantineEntry> quarantine(long offset, int limit);

    /** Hands the id of every stored record of {@code kind} to {@code sink}; used to rebuild dedupe state. */
    void forEachId(dev.flywheel.event.LoggedRecord.Kind kind, java.util.function.Consumer<String> sink);

    @Override
    void close();
}
