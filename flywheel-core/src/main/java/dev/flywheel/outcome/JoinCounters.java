package dev.flywheel.outcome;

/**
 * A snapshot of what the join has seen.
 *
 * <p>Every distinct event is in exactly one of joined, exposures, late, orphans and buffered.
 *
 * @param joined              feedback events attached to an open decision (once, however many
 *                            of its items they reach)
 * @param exposures           impressions without a decision, each opening an exposure (one per
 *                            loop it counts for)
 * @param late                events after their window (see {@link Unjoined.Reason#LATE})
 * @param duplicateEvents     events whose id was seen before; ignored
 * @param duplicateDecisions  decisions whose id was seen before; ignored
 * @param orphans        events that never found a decision
 * @param buffered       events waiting for their decision right now
 * @param unknownLoop    decisions of a loop without a reward spec; ignored
 * @param openDecisions  decisions whose window has not been closed yet
 * @param outcomes       outcome rows emitted so far
 */
public record JoinCounters(long joined, long exposures, long late, long duplicateEvents, long duplicateDecisions, long orphans, long buffered,
                           long unknownLoop, long openDecisions, long outcomes) { }
