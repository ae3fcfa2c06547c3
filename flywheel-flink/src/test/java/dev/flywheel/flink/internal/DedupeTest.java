package dev.flywheel.flink.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.flywheel.decision.Decision;
import dev.flywheel.decision.ServedItem;
import dev.flywheel.event.Event;
import dev.flywheel.flink.SourcedEntry;
import dev.flywheel.log.LogEntry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

/**
 * The dedupe on Flink's keyed test harness, its processing time set by hand: a repeat within the
 * horizon is dropped (its place passes on), an id is forgotten a horizon after it was first seen, and
 * what it remembers survives a snapshot and restore.
 */
class DedupeTest {
    private static final long HORIZON = 1_000;
    private static final Instant T = Instant.parse("2026-12-04T10:00:00Z");
    private long offset;

    @Test
    void aRepeatWithinTheHorizonIsDroppedAndAnIdIsForgottenAHorizonAfterItWasFirstSeen() throws Exception {
        OperatorSubtaskState snapshot;
        try (var h = harness(null)) {
            h.setProcessingTime(0);
            h.processElement(click("e1", "u1"), 0);
            h.processElement(decision("e1", "u1"), 0); // a decision's id is not an event's
            h.processElement(click("e1", "u2"), 0);    // keyed by user: another user's id
            h.setProcessingTime(400);
            h.processElement(click("e1", "u1"), 0);    // dropped, its place passes on
            h.processElement(click("e2", "u1"), 0);
            assertEquals(List.of("e1@u1", "de1@u1", "e1@u2", "place", "e2@u1"), passed(h.extractOutputValues()));
            snapshot = h.snapshot(1, 400);
        }
        try (var h = harness(snapshot)) {
            h.setProcessingTime(999);
            h.processElement(click("e1", "u1"), 0);    // still remembered after the restore
            h.setProcessingTime(1_000);                 // e1 first seen at 0: forgotten now; e2 (400) is not
            h.processElement(click("e1", "u1"), 0);
            h.processElement(click("e2", "u1"), 0);
            h.setProcessingTime(1_414);                 // e2 expired at 1,400, and is remembered a 64th of the horizon more
            h.processElement(click("e2", "u1"), 0);
            h.setProcessingTime(1_415);                 // e2 forgotten; e1 remembered again from 1,000
            h.processElement(click("e2", "u1"), 0);
            h.processElement(click("e1", "u1"), 0);
            h.setProcessingTime(2_015);                 // e1's next timer: 2,000 + 15
            h.processElement(click("e1", "u1"), 0);
            assertEquals(List.of("place", "e1@u1", "place", "place", "e2@u1", "place", "e1@u1"), passed(h.extractOutputValues()));
        }
    }

    private static KeyedOneInputStreamOperatorTestHarness<String, SourcedEntry, SourcedEntry> harness(OperatorSubtaskState from) throws Exception {
        var h = new KeyedOneInputStreamOperatorTestHarness<>(new KeyedProcessOperator<>(new Dedupe(Duration.ofMillis(HORIZON))),
                new Dedupe.Key(), Types.STRING);
        if (from != null) h.initializeState(from);
        h.open();
        return h;
    }

    private SourcedEntry click(String id, String user) {
        Event e = new Event(id, "click", T, user, null, "d-" + id, "feed", "a-1", null, null);
        return new SourcedEntry(new LogEntry.EventEntry(offset, 0, e), 0, offset++);
    }

    private SourcedEntry decision(String id, String user) {
        Decision d = new Decision(id, "feed", user, T, "m", "A", List.of(new ServedItem("a-1", 1, 0.5, 0.5)), List.of("a-1"), null);
        return new SourcedEntry(new LogEntry.DecisionEntry(offset, 0, d), 0, offset++);
    }

    private static List<String> passed(List<SourcedEntry> out) {
        List<String> names = new ArrayList<>();
        for (SourcedEntry s : out) {
            if (s.entry() == null) names.add("place");
            else if (s.entry() instanceof LogEntry.EventEntry x) names.add(x.event().id() + "@" + x.event().user());
            else if (s.entry() instanceof LogEntry.DecisionEntry x) names.add("d" + x.decision().id() + "@" + x.decision().user());
        }
        return names;
    }
}
