package dev.flywheel.feature;

import java.time.Instant;

/**
 * Decayed state that holds individual updates until compacted. Only state updated since the last
 * compaction is compacted again: a pass over every item and user per minute of event time made an
 * imported history of years cost quadratic time (every event advanced the watermark).
 */
interface Compactable {
    void compact(Instant horizon);

    /** Whether updates after the last horizon are still held, so a later compaction has work. */
    boolean holdsUpdates();

    /**
     * The epoch millis of the oldest update held, {@link Long#MAX_VALUE} when none: a compaction whose
     * horizon is before it has nothing to fold here, and need not visit.
     */
    long oldestHeldMillis();
}
