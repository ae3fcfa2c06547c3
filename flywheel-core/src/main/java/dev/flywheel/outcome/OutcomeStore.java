package dev.flywheel.outcome;

import java.time.Instant;
import java.util.List;

/**
 * Where closed outcomes are kept for queries, exports and training sets. Outcomes are derived from
 * the log, so a store may be emptied and refilled by replaying it.
 */
public interface OutcomeStore {
    /** Appends outcomes; visible to queries when this returns. */
    void append(List<Outcome> outcomes);

    /** Outcomes of a loop decided in [from, to), oldest first. */
    List<Outcome> query(String loop, Instant from, Instant to, int limit);

    /** Empties the store before a replay refills it. */
    void clear();
}
