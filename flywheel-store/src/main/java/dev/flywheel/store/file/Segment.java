package dev.flywheel.store.file;

import java.nio.file.Path;

/**
 * One file of the log. {@code committedEnd} is how far readers may read: the writer moves it only
 * after the bytes before it are durable, so a reader never sees an entry that could still vanish.
 */
final class Segment {
    final long baseSeq;
    final Path path;
    volatile long committedEnd;
    volatile boolean sealed;

    Segment(long baseSeq, Path path, long committedEnd) {
        this.baseSeq = baseSeq;
        this.path = path;
        this.committedEnd = committedEnd;
    }

    static String fileName(long baseSeq) {
        return String.format("%020d.seg", baseSeq);
    }
}
