package dev.flywheel.outcome;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.flywheel.decision.Decision;
import dev.flywheel.event.Event;
import dev.flywheel.log.LogEntry;
import dev.flywheel.state.Resumption;
import dev.flywheel.state.StateReader;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

/** The reward join checkpointed anywhere and resumed joins exactly as if it had never stopped. */
class OutcomeFeedResumptionTest {
    static List<LogEntry> arrivals(long seed) {
        OutcomeJoinPropertyTest.World w = OutcomeJoinPropertyTest.world(seed, true);
        Random r = new Random(seed ^ 7);
        List<Object> all = new ArrayList<>(w.decisions());
        all.addAll(w.events());
        for (int i = 0; i < 5 && !w.events().isEmpty(); i++) all.add(w.events().get(r.nextInt(w.events().size())));
        Collections.shuffle(all, r);
        List<LogEntry> out = new ArrayList<>();
        for (Object o : all) {
            long seq = out.size();
            out.add(o instanceof Decision d ? new LogEntry.DecisionEntry(seq, seq, d) : new LogEntry.EventEntry(seq, seq, (Event) o));
        }
        return out;
    }

    static OutcomeFeed feed(List<Outcome> outcomes, List<Unjoined> unjoined) {
        return new OutcomeFeed(Map.of("feed", OutcomeJoinPropertyTest.SPEC), List.of(outcomes::add), unjoined::add);
    }

    @Property(tries = 300, seed = "20261202")
    void resumedAnywhereTheJoinEndsInTheSameState(@ForAll long seed) {
        List<LogEntry> entries = arrivals(seed);
        int cut = new Random(seed).nextInt(entries.size() + 1);
        Resumption.assertResumesExactly(() -> feed(new ArrayList<>(), new ArrayList<>()), entries, cut);
    }

    @Property(tries = 200, seed = "20261202")
    void resumedAnywhereTheJoinGivesTheSameOutcomesAndUnjoined(@ForAll long seed) {
        List<LogEntry> entries = arrivals(seed);
        int cut = new Random(seed).nextInt(entries.size() + 1);
        List<Outcome> straight = new ArrayList<>();
        List<Unjoined> straightUnjoined = new ArrayList<>();
        OutcomeFeed a = feed(straight, straightUnjoined);
        Resumption.feed(a, entries);
        a.closeOpenWindows();
        List<Outcome> split = new ArrayList<>();
        List<Unjoined> splitUnjoined = new ArrayList<>();
        OutcomeFeed before = feed(split, splitUnjoined);
        Resumption.feed(before, entries.subList(0, cut));
        OutcomeFeed after = feed(split, splitUnjoined);
        after.readState(new StateReader(Resumption.bytes(before)));
        Resumption.feed(after, entries.subList(cut, entries.size()));
        after.closeOpenWindows();
        assertEquals(straight, split);
        assertEquals(straightUnjoined, splitUnjoined);
        assertEquals(a.counters(), after.counters());
    }
}
