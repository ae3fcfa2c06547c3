package dev.flywheel.outcome;

import java.time.Instant;
import java.util.List;

/**
 * Where closed outcomes are kept for queries, exports and training sets. Outcomes are derived from
 * the log: the store numbers them in the order appended and keeps them across restarts, and a start
 * keeps the first as many as its checkpoint says were written ({@link #keepFirst}) before the
 * replay of what came after it appends the rest again; without a checkpoint it keeps none.
 */
public interface OutcomeStore {
    /** Appends outcomes; visible to queries when this returns. */
    void append(List<Outcome> outcomes);

    /** Outcomes of a loop decided in [from, to), oldest first. */
    List<Outcome> query(String loop, Instant from, Instant to, int limit);

    /** Drops every outcome appended after the first {@code n} (0: all), so appending goes on from there. */
    void keepFirst(long n);
}
