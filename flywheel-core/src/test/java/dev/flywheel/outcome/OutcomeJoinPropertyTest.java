package dev.flywheel.outcome;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.flywheel.decision.Decision;
import dev.flywheel.decision.ServedItem;
import dev.flywheel.event.Event;
import dev.flywheel.loop.RewardSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

class OutcomeJoinPropertyTest {
    static final Instant T = Instant.parse("2026-11-27T10:00:00Z");
    static final RewardSpec SPEC = new RewardSpec(Map.of("like", 1.0, "click", 0.2, "dislike", -1.0),
            -0.05, 0.01, 60, Duration.ofMinutes(30));
    static final String[] ITEMS = {"a", "b", "c", "d"};
    static final String[] TYPES = {"like", "click", "dislike", "impression", "dwell"};

    record World(List<Decision> decisions, List<Event> events) { }

    /** With {@code exposures}, impressions may name no decision and open exposures of their own. */
    static World world(long seed, boolean exposures) {
        Random r = new Random(seed);
        List<Decision> ds = new ArrayList<>();
        int nd = 1 + r.nextInt(6);
        for (int i = 0; i < nd; i++) {
            List<String> items = new ArrayList<>(List.of(ITEMS));
            Collections.shuffle(items, r);
            List<ServedItem> served = new ArrayList<>();
            for (int p = 0; p < 1 + r.nextInt(3); p++) served.add(new ServedItem(items.get(p), p + 1, null, 0.5));
            ds.add(new Decision("d" + i, "feed", "u" + r.nextInt(3), T.plusSeconds(60L * r.nextInt(120)),
                    "m", "champion", served, List.of(), null));
        }
        List<Event> es = new ArrayList<>();
        int ne = r.nextInt(40);
        for (int i = 0; i < ne; i++) {
            int pick = r.nextInt(nd + 2);
            String decision = pick < nd ? "d" + pick : pick == nd ? null : "ghost";
            String item = r.nextInt(5) == 0 ? null : ITEMS[r.nextInt(4)];
            String type = TYPES[r.nextInt(TYPES.length)];
            if (!exposures && decision == null && "impression".equals(type)) decision = "ghost";
            // distinct timestamps, so that reaction order never depends on arrival order
            Instant at = T.plusSeconds(60L * r.nextInt(200) + i);
            es.add(new Event("e" + i, type, at, "u" + r.nextInt(3), null, decision, null, item,
                    "dwell".equals(type) ? 30.0 : null, null));
        }
        return new World(ds, es);
    }

    /** Retention beyond the test's time span: ids are never forgotten, so duplicates stay duplicates. */
    static OutcomeJoin join() {
        return new OutcomeJoin(Map.of("feed", SPEC), Duration.ofMinutes(10), Duration.ofDays(2));
    }

    @Property(tries = 300, seed = "20261127")
    void everyEventIsAccountedForOnceAndEveryServedItemGivesOneOutcome(@ForAll long seed) {
        World w = world(seed, true);
        Random r = new Random(seed ^ 42);
        List<Object> arrivals = new ArrayList<>(w.decisions());
        arrivals.addAll(w.events());
        for (int i = 0; i < 5 && !w.events().isEmpty(); i++) arrivals.add(w.events().get(r.nextInt(w.events().size())));
        Collections.shuffle(arrivals, r);
        OutcomeJoin join = join();
        List<Outcome> outcomes = new ArrayList<>();
        List<Unjoined> unjoined = new ArrayList<>();
        Instant watermark = T;
        for (Object o : arrivals) {
            if (o instanceof Decision d) join.onDecision(d); else join.onEvent((Event) o);
            if (r.nextInt(4) == 0) {
                watermark = watermark.plusSeconds(60L * r.nextInt(30));
                outcomes.addAll(join.advance(watermark));
                unjoined.addAll(join.drainUnjoined());
            }
        }
        outcomes.addAll(join.advance(T.plus(Duration.ofDays(1))));
        unjoined.addAll(join.drainUnjoined());

        JoinCounters c = join.counters();
        Set<String> distinct = new HashSet<>();
        arrivals.stream().filter(Event.class::isInstance).forEach(e -> distinct.add(((Event) e).id()));
        assertEquals(distinct.size(), c.joined() + c.exposures() + c.late() + c.orphans() + c.buffered());
        assertEquals(arrivals.size() - w.decisions().size() - distinct.size(), c.duplicateEvents());
        assertEquals(0, c.buffered());
        assertEquals(c.late() + c.orphans(), unjoined.size(), "every event not joined is handed back");
        long exposures = w.events().stream().filter(e -> "impression".equals(e.type()) && e.decision() == null && e.item() != null)
                .map(Event::id).distinct().count();
        assertEquals(exposures, c.exposures(), "an impression without a decision is an exposure");
        assertEquals(w.decisions().stream().mapToInt(d -> d.items().size()).sum() + exposures, outcomes.size());
        assertEquals(outcomes.size(), new HashSet<>(outcomes.stream().map(o -> o.decision() + "/" + o.item()).toList()).size());
        for (Outcome o : outcomes) {
            assertEquals(o.reactions().stream().noneMatch(t -> SPEC.contribution(t, 30.0) != 0), o.ignored());
        }
    }

    @Property(tries = 200, seed = "20261127")
    void whenDecisionsComeFirstTheOrderOfFeedbackDoesNotMatter(@ForAll long seed) {
        World w = world(seed, false);
        List<Event> shuffled = new ArrayList<>(w.events());
        Collections.shuffle(shuffled, new Random(seed));
        assertEquals(run(w.decisions(), w.events()), run(w.decisions(), shuffled));
        assertFalse(run(w.decisions(), w.events()).isEmpty());
    }

    private static List<Outcome> run(List<Decision> ds, List<Event> es) {
        OutcomeJoin join = join();
        ds.forEach(join::onDecision);
        es.forEach(join::onEvent);
        return join.advance(T.plus(Duration.ofDays(1)));
    }
}
