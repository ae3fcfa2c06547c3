package dev.flywheel.outcome;

import java.util.List;
import java.util.Map;

/**
 * Where feedback that joined no outcome is kept with its reason (late after its window, or an orphan
 * without a decision), so nothing acknowledged is dropped: late feedback says a window is too short,
 * orphans point at broken instrumentation. Derived from the log like outcomes, and kept across
 * restarts the same way (see {@link OutcomeStore}).
 */
public interface UnjoinedStore {
    /** Appends unjoined feedback; visible to queries when this returns. */
    void append(List<Unjoined> unjoined);

    /** How many are stored, per reason. */
    Map<Unjoined.Reason, Long> counts();

    /** Unjoined feedback of the given reason (null: any), oldest first by event time. */
    List<Unjoined> query(Unjoined.Reason reason, int limit);

    /** Drops every row appended after the first {@code n} (0: all), so appending goes on from there. */
    void keepFirst(long n);
}
