package dev.flywheel.feature;

import java.time.Instant;

/**
 * Decayed state that holds individual updates until compacted. Only state updated since the last
 * compaction is compacted again: a pass over every item and user per minute of event time made an
 * imported history of years cost quadratic time (every event advanced the watermark).
 */
abstract class Compactable {
    /**
     * This state's place in the {@link Touched} of the features that hold it, null while compaction
     * need not visit it. Kept on the state rather than in an identity map of all of them: a drain or
     * a checkpoint asks it of every state it writes, and a look-up in a map of hundreds of thousands
     * of states was a cache miss each time. Only {@code Touched} reads or writes it.
     */
    Touched.Slot slot;

    public abstract void compact(Instant horizon);

    /** Whether updates after the last horizon are still held, so a later compaction has work. */
    public abstract boolean holdsUpdates();

    /**
     * The epoch millis of the oldest update held, {@link Long#MAX_VALUE} when none: a compaction whose
     * horizon is before it has nothing to fold here, and need not visit.
     */
    public abstract long oldestHeldMillis();
}
