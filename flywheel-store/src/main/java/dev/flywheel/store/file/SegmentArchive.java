package dev.flywheel.store.file;

import dev.flywheel.log.LogReader;

/**
 * Where a {@link SegmentedFileLog}'s deleted segments went: the log reads entries before its first
 * remaining segment back from here, so a reader from any seq sees the whole log. Only segments that
 * are completely archived are ever deleted, and archived segments are contiguous.
 */
public interface SegmentArchive {

    /** A reader of the archived entries with {@code fromSeq <= seq < toSeq}, in seq order. */
    LogReader reader(long fromSeq, long toSeq);

    /** One past the highest archived seq; 0 when nothing is archived. */
    long endSeq();
}
