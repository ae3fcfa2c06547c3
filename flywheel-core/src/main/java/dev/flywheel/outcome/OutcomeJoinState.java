package dev.flywheel.outcome;

import dev.flywheel.event.Event;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Everything {@link OutcomeJoin} remembers between calls, kept apart from the logic so that a runner
 * can own it: the embedded runner holds one instance, a Flink wrapper keyed by user holds one per key
 * (every join happens within one user). Mutated only by {@link OutcomeJoin}.
 */
public final class OutcomeJoinState {
    record UserItem(String user, String item) { }

    record Closing(Instant end, String decision) { }

    // a direct comparator: the composed ones (comparing().thenComparing()) were a tenth of the join's
    // checkpoint writes, each comparison two lambda calls deep (docs/performance.md)
    static final Comparator<Closing> BY_END = (a, b) -> {
        int c = a.end().compareTo(b.end());
        return c != 0 ? c : a.decision().compareTo(b.decision());
    };

    final Map<String, OpenDecision> open = new HashMap<>();
    /** Decisions that showed an item to a user, oldest first; only open decisions are listed. */
    final Map<UserItem, List<OpenDecision>> shown = new HashMap<>();
    final TreeSet<Closing> closing = new TreeSet<>(BY_END);
    /** Closed decision ids with their window ends; remembered to tell late feedback from orphans. */
    final ExpiringIds closed = new ExpiringIds();
    /** Feedback that came before its decision, per user. */
    final Map<String, List<Event>> early = new HashMap<>();
    /** Event ids with their event times, for duplicate detection within the retention. */
    final ExpiringIds seenEvents = new ExpiringIds();
    final List<Unjoined> unjoined = new ArrayList<>();
    /** What changed since a checkpoint's last change set; null unless {@link #trackChanges} was called. */
    JoinChanges changes;
    Instant watermark = Instant.MIN;
    long seq;
    long joined;
    long exposures;
    long late;
    long duplicateEvents;
    long duplicateDecisions;
    long orphans;
    long buffered;
    long unknownLoop;
    long outcomes;

    /** From now on records what changes, for a checkpoint's change sets ({@link dev.flywheel.state.IncrementalState}). */
    public void trackChanges() {
        if (changes == null) changes = new JoinChanges();
    }

    public Instant watermark() {
        return watermark;
    }

    /** Ids held to recognise duplicates and late feedback, and events waiting for their decision. */
    public long remembered() {
        long waiting = 0;
        for (List<Event> l : early.values()) waiting += l.size();
        return seenEvents.size() + closed.size() + waiting;
    }

    public JoinCounters counters() {
        return new JoinCounters(joined, exposures, late, duplicateEvents, duplicateDecisions, orphans, buffered, unknownLoop,
                open.size(), outcomes);
    }
}
