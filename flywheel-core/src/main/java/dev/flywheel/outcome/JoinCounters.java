package dev.flywheel.outcome;

/**
 * A snapshot of what the join has seen.
 *
 * @param joined         feedback events attached to at least one open decision
 * @param late           events after their window (see {@link Unjoined.Reason#LATE})
 * @param duplicates     events or decisions whose id was seen before; ignored
 * @param orphans        events that never found a decision
 * @param buffered       events waiting for their decision right now
 * @param unknownLoop    decisions of a loop without a reward spec; ignored
 * @param openDecisions  decisions whose window has not been closed yet
 * @param outcomes       outcome rows emitted so far
 */
public record JoinCounters(long joined, long late, long duplicates, long orphans, long buffered,
                           long unknownLoop, long openDecisions, long outcomes) { }
