package dev.flywheel.log;

/** How many records of each kind a store holds. */
public record StoredCounts(long events, long decisions, long quarantined) {
    public StoredCounts {
        if (events < 0 || decisions < 0 || quarantined < 0) throw new IllegalArgumentException("counts must not be negative");
    }

    public StoredCounts plus(StoredCounts o) {
        return new StoredCounts(events + o.events, decisions + o.decisions, quarantined + o.quarantined);
    }
}
