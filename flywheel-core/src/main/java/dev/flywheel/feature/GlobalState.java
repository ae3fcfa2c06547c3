package dev.flywheel.feature;

import java.time.Instant;

/**
 * A loop's global feature state: the newest update's time (later reads are answered as of it), the
 * compaction horizon (earlier reads are answered as of it), and the counts and paid values over all
 * items. Either time is null before the first update or compaction.
 */
public record GlobalState(Instant newest, Instant compactedTo, ItemFeedback counts, ItemValue value) {
    /** {@code t}, or the compaction horizon when {@code t} is before it. */
    Instant answerable(Instant t) {
        return compactedTo != null && t.isBefore(compactedTo) ? compactedTo : t;
    }
}
