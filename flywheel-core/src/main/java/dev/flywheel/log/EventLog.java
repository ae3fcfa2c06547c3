package dev.flywheel.log;

/**
 * The append-only event log: the single source of truth from which every other table can be
 * rebuilt. One writer appends; any number of readers follow. Its seqs are dense positions in one
 * total order that survive a restart: {@link #nextSeq()} continues the log as reopened.
 */
public interface EventLog extends LogAppender {

    /** A reader positioned at the first entry with seq &ge; {@code fromSeq}. */
    LogReader reader(long fromSeq);
}
