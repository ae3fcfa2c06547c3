package dev.flywheel.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.flywheel.decision.Decision;
import dev.flywheel.decision.ServedItem;
import dev.flywheel.event.Event;
import dev.flywheel.event.FieldError;
import java.time.Instant;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.AlphaChars;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;

class LogCodecTest {

    static LogEntry roundTrip(LogEntry e) {
        Bytes b = new Bytes(16);
        LogCodec.encode(e, b);
        return LogCodec.decode(b.array(), 0, b.length());
    }

    @Property(tries = 300)
    void eventsSurviveEncoding(@ForAll @StringLength(min = 1, max = 40) String id,
                               @ForAll @AlphaChars @StringLength(min = 1, max = 20) String user,
                               @ForAll long seq, @ForAll double value, @ForAll boolean withOptional) {
        if (id.isBlank() || id.chars().anyMatch(Character::isISOControl)) return;
        Double v = withOptional && Double.isFinite(value) ? value : null;
        Event e = new Event(id, "click", Instant.ofEpochSecond(1_700_000_000L, 123_456_789), user,
                withOptional ? "séssion-✓" : null, null, "feed", withOptional ? "a1" : null, v,
                withOptional ? "{\"k\":[1,2]}" : null);
        LogEntry in = new LogEntry.EventEntry(seq, 42L, e);
        assertEquals(in, roundTrip(in));
    }

    @Test
    void aDecisionWithItsArmProbabilityPeriodAndShadowRankingSurvivesEncoding() {
        List<ServedItem> served = List.of(new ServedItem("a", 1, 0.5, 0.9), new ServedItem("b", 2, null, 0.05));
        Decision d = new Decision("d1", "shop", "u1", Instant.ofEpochSecond(1_800_000_000L, 5), "v3", "champion", 0.85, 4,
                served, List.of("a", "b", "c"), "{\"page\":\"home\"}",
                List.of(new dev.flywheel.decision.ShadowRanking("v4", List.of(new ServedItem("c", 1, 0.7, 0.95)))));
        LogEntry in = new LogEntry.DecisionEntry(7, 8, d);
        assertEquals(in, roundTrip(in));
    }

    @Test
    void aDecisionWrittenBeforeRolloutsIsStillRead() {
        // the layout of kind 2, written by hand: what logs of earlier versions hold
        Bytes b = new Bytes(64);
        b.put((byte) 2);
        b.putLong(3);
        b.putLong(4);
        b.putString("d0");
        b.putString("feed");
        b.putString("u0");
        b.putLong(1_700_000_000L);
        b.putInt(0);
        b.putString("content-bandit-1");
        b.putString("champion");
        b.putInt(1);
        b.putString("x");
        b.putInt(1);
        b.put((byte) 0);
        b.putDouble(0.5);
        b.putInt(0);
        b.putString(null);
        Decision d = ((LogEntry.DecisionEntry) LogCodec.decode(b.array(), 0, b.length())).decision();
        assertEquals("content-bandit-1", d.model());
        assertEquals(null, d.armProbability());
        assertEquals(0, d.period());
        assertEquals(List.of(), d.shadows());
        assertEquals(0.5, d.items().get(0).propensity());
    }

    @Test
    void decisionsAndQuarantineSurviveEncoding() {
        Decision d = new Decision("d1", "feed", "u1", Instant.parse("2026-11-27T10:00:00.5Z"), "m-3", "canary",
                List.of(new ServedItem("a", 1, 0.9, 0.5), new ServedItem("b", 2, null, 0.25)), List.of("a", "b", "c"), "{\"page\":1}");
        LogEntry dec = new LogEntry.DecisionEntry(7, 8, d);
        assertEquals(dec, roundTrip(dec));
        LogEntry q = new LogEntry.QuarantineEntry(9, 10, new Rejected("event", 3, null,
                List.of(new FieldError("id", "is required"), new FieldError("value", "must be a number")), "{\"x\":1}"));
        assertEquals(q, roundTrip(q));
    }

    @Test
    void truncatedBytesAreRefused() {
        Bytes b = new Bytes(16);
        LogCodec.encode(new LogEntry.QuarantineEntry(1, 2, new Rejected("request", -1, null, List.of(new FieldError("body", "x")), null)), b);
        assertThrows(IllegalStateException.class, () -> LogCodec.decode(b.array(), 0, b.length() - 1));
    }
}
