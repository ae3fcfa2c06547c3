package dev.flywheel.store.file;

/**
 * A segment the log no longer appends to: its entries are {@code baseSeq} up to {@code endSeq}
 * (exclusive, the next segment's first seq), and its file will never change again.
 */
public record ClosedSegment(long baseSeq, long endSeq, long bytes) {
    /** The seq of its last entry. */
    public long lastSeq() {
        return endSeq - 1;
    }
}
