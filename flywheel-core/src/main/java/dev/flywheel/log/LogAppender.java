package dev.flywheel.log;

import java.util.List;

/**
 * Where accepted entries are made durable: the one thing the ingest path needs of a log. The
 * embedded {@link EventLog} is an appender whose seqs are positions in one total order that can be
 * read back; a partitioned log (Kafka topics) is an appender whose records' positions are their
 * partitions and offsets, so its seqs only number what this writer appended and no reader resumes
 * from them.
 */
public interface LogAppender extends AutoCloseable {

    /**
     * Appends entries whose seqs continue {@link #nextSeq()} without gaps. When this returns every
     * entry survives a kill of the process; the entries of one user keep the order they had here.
     *
     * @throws LogException when the entries could not all be made durable; none of them then counts
     *                      (some may still have been stored, and are told apart by their ids)
     */
    void append(List<LogEntry> entries);

    /** The seq the next appended entry must carry: one more than the last appended, 0 at first. */
    long nextSeq();

    @Override
    void close();
}
