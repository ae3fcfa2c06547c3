package dev.flywheel.outcome;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.flywheel.log.LogEntry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OutcomeFeedTest {
    static final Instant T = OutcomeJoinTest.T;

    final List<Outcome> outcomes = new ArrayList<>();
    final List<Unjoined> unjoined = new ArrayList<>();
    final OutcomeFeed feed = new OutcomeFeed(Map.of("feed", OutcomeJoinTest.SPEC), List.of(outcomes::add), unjoined::add);
    long seq;

    void decision(String id, Instant at, String item) {
        feed.accept(new LogEntry.DecisionEntry(seq++, 0, OutcomeJoinTest.decision(id, "u", at, item)));
    }

    void click(String id, Instant at, String decision, String item) {
        feed.accept(new LogEntry.EventEntry(seq++, 0, OutcomeJoinTest.event(id, "click", at, "u", decision, item)));
    }

    /**
     * The runner tells the operators once a second while the log stays quiet. Each call used to move
     * event time another window past where the last one left it, so a 40-second pause put it 20
     * hours ahead: the next decision's window, six hours later, did not close when the decision
     * after it came, and the learner went without those outcomes.
     */
    @Test
    void aLongQuietSpellClosesTheOpenWindowsOnceAndDoesNotRunEventTimeAhead() {
        decision("d1", T, "a");
        click("e1", T.plusSeconds(1), "d1", "a");
        for (int second = 0; second < 40; second++) feed.idle();
        assertEquals(List.of("d1"), outcomes.stream().map(Outcome::decision).toList(), "the quiet log closed d1's window");

        Instant next = T.plus(Duration.ofHours(6));
        decision("d2", next, "b");
        click("e2", next.plusSeconds(1), "d2", "b");
        decision("d3", next.plus(Duration.ofHours(6)), "c");

        assertEquals(List.of("d1", "d2"), outcomes.stream().map(Outcome::decision).toList(),
                "d2's window ended five and a half hours before d3 came");
        assertEquals(List.of("click"), outcomes.get(1).reactions());
        assertEquals(List.of(), unjoined);
    }

    @Test
    void idleAfterIdleClosesWhatCameInBetween() {
        decision("d1", T, "a");
        feed.idle();
        decision("d2", T.plusSeconds(5), "b");
        click("e2", T.plusSeconds(6), "d2", "b");
        feed.idle();
        assertEquals(List.of("d1", "d2"), outcomes.stream().map(Outcome::decision).toList());
        assertEquals(List.of("click"), outcomes.get(1).reactions());
    }
}
