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

    /** When an id may be forgotten; queued so that forgetting costs what it forgets, not a scan of all. */
    record Expiry(Instant at, String id) { }

    // direct comparators: the composed ones (comparing().thenComparing()) were a tenth of the join's
    // checkpoint writes, each comparison two lambda calls deep (docs/performance.md)
    static final Comparator<Expiry> BY_EXPIRY = (a, b) -> {
        int c = a.at().compareTo(b.at());
        return c != 0 ? c : a.id().compareTo(b.id());
    };

    static final Comparator<Closing> BY_END = (a, b) -> {
        int c = a.end().compareTo(b.end());
        return c != 0 ? c : a.decision().compareTo(b.decision());
    };

    final Map<String, OpenDecision> open = new HashMap<>();
    /** Decisions that showed an item to a user, oldest first; only open decisions are listed. */
    final Map<UserItem, List<OpenDecision>> shown = new HashMap<>();
    final TreeSet<Closing> closing = new TreeSet<>(BY_END);
    /** Closed decision id → window end; remembered to tell late feedback from orphans. */
    final Map<String, Instant> closed = new HashMap<>();
    /** Feedback that came before its decision, per user. */
    final Map<String, List<Event>> early = new HashMap<>();
    /** Event id → event time, for duplicate detection within the retention. */
    final Map<String, Instant> seenEvents = new HashMap<>();
    final java.util.PriorityQueue<Expiry> closedExpiry = new java.util.PriorityQueue<>(BY_EXPIRY);
    final java.util.PriorityQueue<Expiry> seenExpiry = new java.util.PriorityQueue<>(BY_EXPIRY);
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
        return seenEvents.size() + closed.size() + waiting + seenExpiry.size() + closedExpiry.size();
    }

    public JoinCounters counters() {
        return new JoinCounters(joined, exposures, late, duplicateEvents, duplicateDecisions, orphans, buffered, unknownLoop,
                open.size(), outcomes);
    }
}
