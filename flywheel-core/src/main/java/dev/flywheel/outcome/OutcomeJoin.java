package dev.flywheel.outcome;

import dev.flywheel.decision.Decision;
import dev.flywheel.decision.ServedItem;
import dev.flywheel.event.Event;
import dev.flywheel.loop.RewardSpec;
import dev.flywheel.outcome.OutcomeJoinState.Closing;
import dev.flywheel.outcome.OutcomeJoinState.UserItem;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The reward join: decisions and feedback events in, one {@link Outcome} per served item out when the
 * decision's attribution window has closed. Event time only: the caller says how far time has
 * progressed with {@link #advance(Instant)} (a watermark: no event stamped at or before it will come).
 *
 * <p>Joining rules: feedback with a decision id joins that decision (all its items when the event
 * names no item); feedback without one joins the most recent open decision of the same user (and
 * loop, when the event names one) that showed the item at or before the event. An impression that
 * names no decision opens an exposure: a one-item decision without a propensity, in the event's loop
 * (or in every loop when it names none), which later feedback joins like any decision. Feedback stamped
 * after the window end is late; feedback arriving before its decision waits up to {@code earlyTtl}
 * of event time. Nothing is dropped: what cannot join is returned by {@link #drainUnjoined()}.
 *
 * <p>Known limit: a feedback event without a decision id joins the best decision known when it
 * arrives; a more recent decision that arrives after it does not take it over.
 */
public final class OutcomeJoin {
    private static final String IMPRESSION = "impression";
    private final Map<String, RewardSpec> specs;
    private final Duration earlyTtl;
    private final Duration retention;
    private final OutcomeJoinState s;
    /** How long after its time an event id is remembered to recognise a duplicate. */
    private final Duration keepEventIds;

    /**
     * @param specs     reward spec per loop; decisions of other loops are counted and skipped
     * @param earlyTtl  how long (event time) feedback waits for a decision that has not arrived
     * @param retention how long after a window closes its decision and event ids are remembered, to
     *                  recognise late feedback and duplicates
     */
    public OutcomeJoin(Map<String, RewardSpec> specs, Duration earlyTtl, Duration retention, OutcomeJoinState state) {
        if (specs == null) throw new IllegalArgumentException("specs is required");
        if (earlyTtl == null || earlyTtl.isNegative()) throw new IllegalArgumentException("earlyTtl must not be negative");
        if (retention == null || retention.isNegative()) throw new IllegalArgumentException("retention must not be negative");
        if (state == null) throw new IllegalArgumentException("state is required");
        this.specs = Map.copyOf(specs);
        this.earlyTtl = earlyTtl;
        this.retention = retention;
        this.s = state;
        Duration longest = specs.values().stream().map(RewardSpec::window).max(Duration::compareTo).orElse(Duration.ZERO);
        this.keepEventIds = retention.plus(earlyTtl).plus(longest);
    }

    public OutcomeJoin(Map<String, RewardSpec> specs, Duration earlyTtl, Duration retention) {
        this(specs, earlyTtl, retention, new OutcomeJoinState());
    }

    public OutcomeJoinState state() {
        return s;
    }

    public JoinCounters counters() {
        return s.counters();
    }

    public void onDecision(Decision d) {
        if (s.open.containsKey(d.id()) || s.closed.contains(d.id())) {
            s.duplicateDecisions++;
            return;
        }
        RewardSpec spec = specs.get(d.loop());
        if (spec == null) {
            s.unknownLoop++;
            return;
        }
        open(new OpenDecision(d, spec));
        retryEarly(d.user());
    }

    private void open(OpenDecision od) {
        s.open.put(od.decision.id(), od);
        s.closing.add(new Closing(od.end, od.decision.id()));
        for (String item : od.items.keySet()) {
            s.shown.computeIfAbsent(new UserItem(od.decision.user(), item), k -> new ArrayList<>(1)).add(od);
        }
        if (s.changes != null) s.changes.opened(od);
    }

    public void onEvent(Event e) {
        if (!s.seenEvents.add(e.id(), e.timestamp(), e.timestamp().plus(keepEventIds))) {
            s.duplicateEvents++;
            return;
        }
        if (s.changes != null) s.changes.seen.add(e.id());
        if (IMPRESSION.equals(e.type()) && e.decision() == null && e.item() != null) {
            expose(e);
        } else if (!route(e)) {
            buffer(e);
        }
    }

    /** An impression without a decision: an exposure in its loop, or in every loop when it names none. */
    private void expose(Event e) {
        List<String> loops = e.loop() == null ? specs.keySet().stream().sorted().toList()
                : specs.containsKey(e.loop()) ? List.of(e.loop()) : List.of();
        if (loops.isEmpty()) {
            orphan(e);
            return;
        }
        for (String loop : loops) {
            String id = Outcome.exposureId(e.id(), loop);
            if (!s.open.containsKey(id) && !s.closed.contains(id)) open(OpenDecision.exposure(e, loop, specs.get(loop)));
        }
        s.exposures++;
        retryEarly(e.user());
    }

    /**
     * Moves event time to {@code watermark} (never backwards) and returns the outcomes of every
     * decision whose window end is at or before it, ordered by window end then decision id.
     */
    public List<Outcome> advance(Instant watermark) {
        if (watermark.isAfter(s.watermark)) s.watermark = watermark;
        List<Outcome> out = new ArrayList<>();
        while (!s.closing.isEmpty() && !s.closing.first().end().isAfter(s.watermark)) {
            out.addAll(close(s.closing.pollFirst().decision()));
        }
        expireEarly();
        forgetOld();
        s.outcomes += out.size();
        return out;
    }

    /** Takes the late and orphaned events collected so far; the caller stores or reports them. */
    public List<Unjoined> drainUnjoined() {
        List<Unjoined> out = List.copyOf(s.unjoined);
        s.unjoined.clear();
        return out;
    }

    /** @return false when the event should wait for its decision */
    private boolean route(Event e) {
        if (e.decision() != null) return routeByDecision(e);
        if (e.item() == null) {
            orphan(e);
            return true;
        }
        OpenDecision od = mostRecentShowing(e);
        if (od == null) return false;
        attach(od, List.of(od.items.get(e.item())), e);
        return true;
    }

    private boolean routeByDecision(Event e) {
        OpenDecision od = s.open.get(e.decision());
        if (od == null) {
            if (!s.closed.contains(e.decision())) return false;
            lateAfterClose(e);
            return true;
        }
        if (e.item() == null) {
            attach(od, od.items.values(), e);
        } else if (od.items.containsKey(e.item())) {
            attach(od, List.of(od.items.get(e.item())), e);
        } else {
            orphan(e);
        }
        return true;
    }

    private OpenDecision mostRecentShowing(Event e) {
        List<OpenDecision> list = s.shown.get(new UserItem(e.user(), e.item()));
        if (list == null) return null;
        OpenDecision best = null;
        for (OpenDecision od : list) {
            boolean sameLoop = e.loop() == null || e.loop().equals(od.decision.loop());
            boolean before = !od.decision.timestamp().isAfter(e.timestamp());
            if (sameLoop && before && (best == null || !od.decision.timestamp().isBefore(best.decision.timestamp()))) {
                best = od;
            }
        }
        return best;
    }

    /** One event counts once, however many items of the decision it reaches. */
    private void attach(OpenDecision od, Collection<OpenDecision.ItemState> items, Event e) {
        if (s.changes != null) s.changes.open.add(od.decision.id());
        if (od.inWindow(e.timestamp())) {
            long seq = s.seq++;
            for (OpenDecision.ItemState item : items) {
                item.reactions.add(new OpenDecision.Reaction(e.timestamp(), seq, e.type(), e.value()));
            }
            s.joined++;
        } else {
            for (OpenDecision.ItemState item : items) item.lateCount++;
            s.late++;
            s.unjoined.add(new Unjoined(e, Unjoined.Reason.LATE, od.decision.id()));
        }
    }

    private void lateAfterClose(Event e) {
        s.late++;
        s.unjoined.add(new Unjoined(e, Unjoined.Reason.LATE, e.decision()));
    }

    private void orphan(Event e) {
        s.orphans++;
        s.unjoined.add(new Unjoined(e, Unjoined.Reason.ORPHAN, e.decision()));
    }

    private void buffer(Event e) {
        s.early.computeIfAbsent(e.user(), k -> new ArrayList<>(1)).add(e);
        s.buffered++;
    }

    /** A new decision may be what buffered feedback of its user was waiting for. */
    private void retryEarly(String user) {
        List<Event> waiting = s.early.remove(user);
        if (waiting == null) return;
        s.buffered -= waiting.size();
        for (Event e : waiting) {
            if (!route(e)) buffer(e);
        }
    }

    private List<Outcome> close(String id) {
        OpenDecision od = s.open.remove(id);
        for (String item : od.items.keySet()) {
            UserItem key = new UserItem(od.decision.user(), item);
            List<OpenDecision> list = s.shown.get(key);
            list.remove(od);
            if (list.isEmpty()) s.shown.remove(key);
        }
        s.closed.add(id, od.end, od.end.plus(retention));
        if (s.changes != null) {
            s.changes.opened(od);
            s.changes.closed.add(id);
        }
        return od.close();
    }

    private void expireEarly() {
        Iterator<List<Event>> users = s.early.values().iterator();
        while (users.hasNext()) {
            List<Event> list = users.next();
            list.removeIf(e -> {
                boolean expired = e.timestamp().plus(earlyTtl).isBefore(s.watermark);
                if (expired) {
                    s.buffered--;
                    orphan(e);
                }
                return expired;
            });
            if (list.isEmpty()) users.remove();
        }
    }

    /**
     * Forgets closed decisions and event ids whose retention ended before the watermark, from queues
     * ordered by when each may go: a scan of everything per advance cost time in proportion to the
     * history (per minute of event time) once a history of years was replayed.
     */
    private void forgetOld() {
        s.closed.forgetBefore(s.watermark, s.changes == null ? null : s.changes.closed::add);
        s.seenEvents.forgetBefore(s.watermark, s.changes == null ? null : s.changes.seen::add);
    }
}
