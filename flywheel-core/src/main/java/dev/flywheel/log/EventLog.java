package dev.flywheel.log;

import java.util.List;

/**
 * The append-only event log: the single source of truth from which every other table can be
 * rebuilt. One writer appends; any number of readers follow.
 */
public interface EventLog extends AutoCloseable {

    /**
     * Appends entries whose seqs continue {@link #nextSeq()} without gaps. When this returns the
     * entries survive a kill of the process (and of the machine when the log syncs to disk).
     *
     * @throws LogException when the entries could not be made durable; none of them then counts
     */
    void append(List<LogEntry> entries);

    /** The seq the next appended entry must carry (0 for an empty log). */
    long nextSeq();

    /** A reader positioned at the first entry with seq &ge; {@code fromSeq}. */
    LogReader reader(long fromSeq);

    @Override
    void close();
}
