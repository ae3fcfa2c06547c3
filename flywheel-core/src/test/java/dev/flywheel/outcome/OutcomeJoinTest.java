package dev.flywheel.outcome;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flywheel.decision.Decision;
import dev.flywheel.decision.ServedItem;
import dev.flywheel.event.Event;
import dev.flywheel.loop.RewardSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OutcomeJoinTest {
    static final Instant T = Instant.parse("2026-11-27T10:00:00Z");
    static final Duration WINDOW = Duration.ofMinutes(30);
    static final RewardSpec SPEC = new RewardSpec(Map.of("like", 1.0, "click", 0.2, "dislike", -1.0),
            -0.05, 0.01, 60, WINDOW);

    final OutcomeJoin join = new OutcomeJoin(Map.of("feed", SPEC), Duration.ofMinutes(5), Duration.ofHours(1));

    static Decision decision(String id, String user, Instant at, String... items) {
        List<ServedItem> served = new java.util.ArrayList<>();
        for (int i = 0; i < items.length; i++) served.add(new ServedItem(items[i], i + 1, 0.9 - i * 0.1, 0.5));
        return new Decision(id, "feed", user, at, "m1", "champion", served, List.of(), null);
    }

    static Event event(String id, String type, Instant at, String user, String decision, String item) {
        return new Event(id, type, at, user, null, decision, null, item, "dwell".equals(type) ? 100.0 : null, null);
    }

    static Outcome only(List<Outcome> out, String item) {
        return out.stream().filter(o -> o.item().equals(item)).findFirst().orElseThrow();
    }

    @Test
    void feedbackExactlyAtWindowEndIsInsideAndOneMillisecondLaterIsLate() {
        join.onDecision(decision("d1", "u", T, "a", "b"));
        Instant end = T.plus(WINDOW);
        join.onEvent(event("e1", "like", end, "u", "d1", "a"));
        join.onEvent(event("e2", "like", end.plusMillis(1), "u", "d1", "b"));
        assertEquals(List.of(), join.advance(end.minusMillis(1)), "window still open");
        List<Outcome> out = join.advance(end);
        assertEquals(2, out.size());
        Outcome a = only(out, "a");
        assertEquals(List.of("like"), a.reactions());
        assertEquals(1.0, a.reward());
        assertFalse(a.ignored());
        Outcome b = only(out, "b");
        assertEquals(List.of(), b.reactions());
        assertEquals(-0.05, b.reward(), "no reaction inside the window is an implicit ignore");
        assertTrue(b.ignored());
        assertEquals(1, b.lateCount());
        List<Unjoined> un = join.drainUnjoined();
        assertEquals(1, un.size());
        assertEquals("e2", un.get(0).event().id());
        assertEquals(Unjoined.Reason.LATE, un.get(0).reason());
        assertEquals(1, join.counters().late());
    }

    @Test
    void feedbackAfterTheDecisionClosedIsCountedLateAndKept() {
        join.onDecision(decision("d1", "u", T, "a"));
        join.advance(T.plus(WINDOW));
        join.onEvent(event("e1", "click", T.plusSeconds(10), "u", "d1", "a"));
        assertEquals(1, join.counters().late());
        assertEquals(List.of(new Unjoined(event("e1", "click", T.plusSeconds(10), "u", "d1", "a"),
                Unjoined.Reason.LATE, "d1")), join.drainUnjoined());
        assertEquals(List.of(), join.drainUnjoined(), "drained once");
    }

    @Test
    void rewardSumsReactionsInEventTimeOrderWithCappedDwell() {
        join.onDecision(decision("d1", "u", T, "a"));
        join.onEvent(event("e2", "dwell", T.plusSeconds(20), "u", "d1", "a"));
        join.onEvent(event("e1", "click", T.plusSeconds(5), "u", "d1", "a"));
        join.onEvent(event("e3", "dislike", T.plusSeconds(30), "u", "d1", "a"));
        Outcome a = join.advance(T.plus(WINDOW)).get(0);
        assertEquals(List.of("click", "dwell", "dislike"), a.reactions());
        // 0.2 + 0.01·min(100, 60) − 1 = −0.2; a dislike is a judgement, so no ignore penalty
        assertEquals(-0.2, a.reward(), 1e-12);
        assertFalse(a.ignored());
        assertEquals("d1", a.decision());
        assertEquals(1, a.position());
        assertEquals(0.5, a.propensity());
        assertEquals(0.9, a.score());
    }

    @Test
    void duplicateFeedbackCountsOnce() {
        join.onDecision(decision("d1", "u", T, "a"));
        Event like = event("e1", "like", T.plusSeconds(5), "u", "d1", "a");
        join.onEvent(like);
        join.onEvent(like);
        join.onDecision(decision("d1", "u", T, "a"));
        Outcome a = join.advance(T.plus(WINDOW)).get(0);
        assertEquals(List.of("like"), a.reactions());
        assertEquals(1.0, a.reward());
        assertEquals(1, join.counters().duplicateEvents());
        assertEquals(1, join.counters().duplicateDecisions());
        assertEquals(1, join.counters().joined());
    }

    @Test
    void feedbackWithoutDecisionIdJoinsTheMostRecentDecisionThatShowedTheItem() {
        join.onDecision(decision("d1", "u", T, "a", "b"));
        join.onDecision(decision("d2", "u", T.plusSeconds(60), "c", "a"));
        join.onDecision(decision("d3", "other", T.plusSeconds(90), "a"));
        join.onDecision(decision("d4", "u", T.plusSeconds(600), "a"));
        join.onEvent(event("e1", "like", T.plusSeconds(120), "u", null, "a"));
        List<Outcome> out = join.advance(T.plus(WINDOW).plusSeconds(600));
        assertEquals(List.of("d1:a:[]", "d1:b:[]", "d2:c:[]", "d2:a:[like]", "d3:a:[]", "d4:a:[]"),
                out.stream().map(o -> o.decision() + ":" + o.item() + ":" + o.reactions()).toList(),
                "d2 is the latest decision before the like; d4 came after it, d3 is another user");
    }

    @Test
    void feedbackBeforeItsDecisionIsBufferedAndJoinedWhenItArrives() {
        join.onEvent(event("e1", "click", T.plusSeconds(3), "u", "d1", "a"));
        join.onEvent(event("e2", "like", T.plusSeconds(4), "u", null, "b"));
        assertEquals(2, join.counters().buffered());
        join.onDecision(decision("d1", "u", T, "a", "b"));
        assertEquals(0, join.counters().buffered());
        List<Outcome> out = join.advance(T.plus(WINDOW));
        assertEquals(List.of("click"), only(out, "a").reactions());
        assertEquals(List.of("like"), only(out, "b").reactions());
        assertEquals(1.2, out.stream().mapToDouble(Outcome::reward).sum(), 1e-12);
    }

    @Test
    void bufferedFeedbackBecomesAnOrphanAfterTheTtl() {
        Event e = event("e1", "click", T, "u", "missing", "a");
        join.onEvent(e);
        join.advance(T.plus(Duration.ofMinutes(5)));
        assertEquals(1, join.counters().buffered(), "TTL end is inclusive");
        join.advance(T.plus(Duration.ofMinutes(5)).plusMillis(1));
        assertEquals(0, join.counters().buffered());
        assertEquals(1, join.counters().orphans());
        assertEquals(List.of(new Unjoined(e, Unjoined.Reason.ORPHAN, "missing")), join.drainUnjoined());
        join.onDecision(decision("missing", "u", T, "a"));
        assertEquals(List.of(), join.advance(T.plus(WINDOW)).get(0).reactions());
    }

    @Test
    void feedbackForAnItemTheDecisionDidNotShowIsAnOrphan() {
        join.onDecision(decision("d1", "u", T, "a"));
        join.onEvent(event("e1", "click", T, "u", "d1", "zzz"));
        join.onEvent(event("e2", "click", T, "u", null, null));
        assertEquals(2, join.counters().orphans());
        assertEquals(2, join.drainUnjoined().size());
    }

    @Test
    void decisionLevelFeedbackJoinsEveryServedItem() {
        join.onDecision(decision("d1", "u", T, "a", "b"));
        join.onEvent(event("e1", "like", T.plusSeconds(1), "u", "d1", null));
        List<Outcome> out = join.advance(T.plus(WINDOW));
        assertEquals(List.of(1.0, 1.0), out.stream().map(Outcome::reward).toList());
        assertEquals(1, join.counters().joined(), "one event, however many items it reaches");
    }

    @Test
    void decisionsOfUnknownLoopsAreCountedAndSkipped() {
        join.onDecision(new Decision("d9", "elsewhere", "u", T, "m", "a",
                List.of(new ServedItem("a", 1, null, 1.0)), List.of(), null));
        assertEquals(1, join.counters().unknownLoop());
        assertEquals(0, join.counters().openDecisions());
    }

    @Test
    void watermarkNeverMovesBackwards() {
        join.onDecision(decision("d1", "u", T, "a"));
        join.advance(T.plus(Duration.ofHours(3)));
        join.advance(T);
        assertEquals(T.plus(Duration.ofHours(3)), join.state().watermark());
        assertEquals(1, join.counters().outcomes());
    }

    @Test
    void pastTheRetentionARepeatedIdIsNotRecognisedButStillKept() {
        join.onDecision(decision("d1", "u", T, "a"));
        Event like = event("e1", "like", T.plusSeconds(5), "u", "d1", "a");
        join.onEvent(like);
        join.advance(T.plus(Duration.ofHours(3)));  // window 30m + retention 1h + TTL 5m long gone
        join.onEvent(like);
        assertEquals(0, join.counters().duplicateEvents());
        assertEquals(1, join.counters().buffered(), "d1 forgotten: waits for a decision that will not come");
        join.advance(T.plus(Duration.ofHours(4)));
        assertEquals(List.of(new Unjoined(like, Unjoined.Reason.ORPHAN, "d1")), join.drainUnjoined());
    }
}
