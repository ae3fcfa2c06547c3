package dev.flywheel.ingest;

import dev.flywheel.event.LoggedRecord;
import dev.flywheel.log.EventLog;
import dev.flywheel.log.LogEntry;
import dev.flywheel.log.LogReader;
import dev.flywheel.log.RecordStore;
import dev.flywheel.log.StoredCounts;

/** The ids already stored, as the ingest pipeline's dedupe sets (events, then decisions) at a start. */
final class StoredIds {
    private StoredIds() { }

    /** Every id the store holds: one string per stored record, read and hashed. */
    static IdSet[] fromStore(RecordStore store, StoredCounts counts) {
        IdSet[] ids = empty(counts);
        store.forEachId(LoggedRecord.Kind.EVENT, ids[0]::add);
        store.forEachId(LoggedRecord.Kind.DECISION, ids[1]::add);
        return ids;
    }

    /**
     * The snapshot's hashes and the ids of the log's entries after it, or null when there is no
     * snapshot, it is ahead of the log, or the sets it gives are not the size of the store's tables
     * (every event and decision the log holds is one row there): then it is not trusted.
     */
    static IdSet[] fromSnapshot(IdSnapshotStore snapshots, EventLog log, StoredCounts counts) {
        if (snapshots == null) return null;
        IdSet[] ids = empty(counts);
        java.util.OptionalLong seq = snapshots.load(IdSnapshotStore.Hashes.into(ids[0]), IdSnapshotStore.Hashes.into(ids[1]));
        if (seq.isEmpty() || seq.getAsLong() >= log.nextSeq()) return null;
        if (seq.getAsLong() + 1 < log.nextSeq()) readIds(log, seq.getAsLong() + 1, ids);
        return ids[0].size() == counts.events() && ids[1].size() == counts.decisions() ? ids : null;
    }

    private static void readIds(EventLog log, long from, IdSet[] ids) {
        try (LogReader r = log.reader(from)) {
            while (r.poll(10_000, e -> {
                if (e instanceof LogEntry.EventEntry x) ids[0].add(x.event().id());
                if (e instanceof LogEntry.DecisionEntry d) ids[1].add(d.decision().id());
            }) > 0) {
                // until the end of the log
            }
        }
    }

    private static IdSet[] empty(StoredCounts counts) {
        return new IdSet[] {new IdSet((int) Math.min(Integer.MAX_VALUE / 4, counts.events() + 1024)),
                new IdSet((int) Math.min(Integer.MAX_VALUE / 4, counts.decisions() + 1024))};
    }
}
