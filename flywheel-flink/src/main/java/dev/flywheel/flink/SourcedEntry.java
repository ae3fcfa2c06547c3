package dev.flywheel.flink;

import dev.flywheel.log.LogEntry;

/**
 * A log entry with where it was read: the partition and offset of the {@code <p>.log} record that
 * carried it, so the topology can publish how far it has applied each partition ({@code
 * ServingState.applied}). Entries from {@code <p>.ingest} or any other source carry no place. An
 * entry the dedupe drops as a repeat goes on as its place alone ({@code entry} null): its offset
 * counts as applied, or a partition whose last record is a repeat would never be.
 *
 * @param partition the record's partition, or -1 when the entry carries no place
 * @param offset    the record's offset, or -1
 */
public record SourcedEntry(LogEntry entry, int partition, long offset) {
    public SourcedEntry {
        if (entry == null && partition < 0) throw new IllegalArgumentException("a place alone needs a partition");
        if (partition >= 0 && offset < 0) throw new IllegalArgumentException("offset " + offset + " in partition " + partition);
    }

    /** An entry from a source that has no places. */
    public static SourcedEntry unplaced(LogEntry entry) {
        return new SourcedEntry(entry, -1, -1);
    }

    /** This entry's place alone (a repeat dropped), or null when it has none. */
    public SourcedEntry placeOnly() {
        return partition < 0 ? null : new SourcedEntry(null, partition, offset);
    }

    public boolean placed() {
        return partition >= 0;
    }
}
