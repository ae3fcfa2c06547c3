package dev.flywheel.analysis;

import dev.flywheel.decision.Decision;
import dev.flywheel.decision.ServedItem;
import dev.flywheel.event.Event;
import dev.flywheel.log.LogEntry;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * A per-user split of a loop's history into training and test: each user's items, in the order the
 * user first interacted with them (temporal) or shuffled (random); the last share of them is the
 * user's test set. Every event of a user on a test item is held out, and so is the test item's slot
 * in any decision shown to that user: nothing about a test interaction reaches the training.
 */
final class ReplaySplit {
    /** user → the user's items in first-interaction order. */
    private final Map<String, LinkedHashSet<String>> itemsOfUser = new LinkedHashMap<>();
    /** user → items held out. */
    private final Map<String, Set<String>> test = new HashMap<>();
    /** user → test items with a relevant reaction. */
    private final Map<String, Set<String>> relevant = new HashMap<>();
    private final String loop;

    ReplaySplit(String loop) {
        this.loop = loop;
    }

    /** First pass: an event of the loop (or of no loop) that names an item is an interaction. */
    void see(LogEntry e) {
        if (e instanceof LogEntry.EventEntry x && counts(x.event())) {
            itemsOfUser.computeIfAbsent(x.event().user(), u -> new LinkedHashSet<>()).add(x.event().item());
        }
    }

    private boolean counts(Event e) {
        return e.item() != null && (e.loop() == null || e.loop().equals(loop));
    }

    /** Holds out the last {@code testFraction} of each user's items (at least one user item stays in training). */
    void split(ReplayEvaluation.Split how, double testFraction, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        itemsOfUser.forEach((user, items) -> {
            List<String> order = new ArrayList<>(items);
            if (how == ReplayEvaluation.Split.RANDOM) Collections.shuffle(order, new java.util.Random(random.nextLong()));
            int train = (int) Math.floor((1 - testFraction) * order.size());
            if (train < order.size()) test.put(user, new HashSet<>(order.subList(train, order.size())));
        });
    }

    /** Second pass: the relevant test items, from the held-out events of the relevant types. */
    void markRelevant(LogEntry e, Set<String> relevantTypes) {
        if (e instanceof LogEntry.EventEntry x && counts(x.event()) && relevantTypes.contains(x.event().type())
                && heldOut(x.event().user(), x.event().item())) {
            relevant.computeIfAbsent(x.event().user(), u -> new HashSet<>()).add(x.event().item());
        }
    }

    boolean heldOut(String user, String item) {
        Set<String> t = test.get(user);
        return t != null && t.contains(item);
    }

    /** The entry as training sees it: null when held out whole, a decision without its held-out slots. */
    LogEntry training(LogEntry e) {
        if (e instanceof LogEntry.EventEntry x) {
            return x.event().item() != null && heldOut(x.event().user(), x.event().item()) ? null : e;
        }
        if (e instanceof LogEntry.DecisionEntry x && test.containsKey(x.decision().user())) {
            Decision d = x.decision();
            List<ServedItem> kept = new ArrayList<>();
            for (ServedItem s : d.items()) if (!heldOut(d.user(), s.item())) kept.add(s);
            if (kept.size() == d.items().size()) return e;
            if (kept.isEmpty()) return null;
            return new LogEntry.DecisionEntry(x.seq(), x.receivedMillis(), new Decision(d.id(), d.loop(), d.user(),
                    d.timestamp(), d.model(), d.arm(), kept, d.candidates(), d.contextJson()));
        }
        return e;
    }

    /** Users with at least one relevant held-out item, with those items, in first-seen user order. */
    Map<String, Set<String>> relevantByUser() {
        Map<String, Set<String>> out = new LinkedHashMap<>();
        for (String user : itemsOfUser.keySet()) {
            Set<String> r = relevant.get(user);
            if (r != null && !r.isEmpty()) out.put(user, r);
        }
        return out;
    }
}
