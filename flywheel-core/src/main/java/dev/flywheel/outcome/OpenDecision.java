package dev.flywheel.outcome;

import dev.flywheel.decision.Decision;
import dev.flywheel.decision.ServedItem;
import dev.flywheel.event.Event;
import dev.flywheel.loop.RewardSpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A decision whose window is still open, with the reactions collected per served item so far. */
final class OpenDecision {
    /** One reaction; {@code seq} keeps arrival order among reactions with the same timestamp. */
    record Reaction(Instant at, long seq, String type, Double value) { }

    static final class ItemState {
        final ServedItem served;
        final List<Reaction> reactions = new ArrayList<>(2);
        int lateCount;

        ItemState(ServedItem served) {
            this.served = served;
        }
    }

    /**
     * What an outcome needs of its decision. Not the decision itself: its candidate list (100 strings
     * for a decide of 100) would be held for the whole window, and copying it was most of the work
     * of young collections under decide load.
     */
    record Decided(String id, String loop, String user, Instant timestamp, String model, String arm, int candidates) {
        static Decided of(Decision d) {
            return new Decided(d.id(), d.loop(), d.user(), d.timestamp(), d.model(), d.arm(), d.candidates().size());
        }
    }

    final Decided decision;
    final RewardSpec spec;
    final Instant end;
    final Map<String, ItemState> items = new LinkedHashMap<>();

    OpenDecision(Decision decision, RewardSpec spec) {
        this(Decided.of(decision), spec, decision.items());
    }

    /** An open decision read back from a checkpoint; its reactions are added to {@link #items} after. */
    static OpenDecision restored(Decided decision, RewardSpec spec, List<ServedItem> served) {
        return new OpenDecision(decision, spec, served);
    }

    private OpenDecision(Decided decision, RewardSpec spec, List<ServedItem> served) {
        this.decision = decision;
        this.spec = spec;
        this.end = decision.timestamp().plus(spec.window());
        served.stream().sorted(Comparator.comparingInt(ServedItem::position)).forEach(s -> items.put(s.item(), new ItemState(s)));
    }

    /** An impression that names no decision, of {@code loop}: one item shown, no propensity. */
    static OpenDecision exposure(Event impression, String loop, RewardSpec spec) {
        Decided d = new Decided(Outcome.exposureId(impression.id(), loop), loop, impression.user(), impression.timestamp(),
                Outcome.UNLOGGED, Outcome.UNLOGGED, 0);
        // ServedItem needs a propensity; the outcome reports none for an exposure
        return new OpenDecision(d, spec, List.of(new ServedItem(impression.item(), 1, null, 1.0)));
    }


    boolean exposure() {
        return Outcome.UNLOGGED.equals(decision.model()) && decision.candidates() == 0;
    }

    /** Inclusive end: feedback stamped exactly at decision time + window still counts. */
    boolean inWindow(Instant t) {
        return !t.isAfter(end);
    }

    List<Outcome> close() {
        List<Outcome> out = new ArrayList<>(items.size());
        for (ItemState s : items.values()) out.add(outcome(s));
        return out;
    }

    private Outcome outcome(ItemState s) {
        List<Reaction> rs = new ArrayList<>(s.reactions);
        rs.sort(Comparator.comparing(Reaction::at).thenComparingLong(Reaction::seq));
        double reward = 0;
        boolean judged = false;
        List<String> types = new ArrayList<>(rs.size());
        for (Reaction r : rs) {
            double c = spec.contribution(r.type(), r.value());
            reward += c;
            judged |= c != 0;
            types.add(r.type());
        }
        if (!judged) reward += spec.ignore();
        Decided d = decision;
        Double propensity = exposure() ? null : s.served.propensity();
        return new Outcome(d.id(), d.loop(), d.user(), s.served.item(), s.served.position(),
                propensity, s.served.score(), d.model(), d.arm(), d.timestamp(), d.candidates(), types,
                reward, !judged, s.lateCount);
    }
}
