package dev.flywheel.log.contract;

import dev.flywheel.catalog.Item;
import dev.flywheel.decision.Decision;
import dev.flywheel.decision.ServedItem;
import dev.flywheel.event.Event;
import dev.flywheel.event.FieldError;
import dev.flywheel.log.LogEntry;
import dev.flywheel.log.Rejected;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Log entries for the contract suites: a mix of kinds with dense seqs. */
public final class Entries {
    private Entries() { }

    public static List<LogEntry> mixed(long fromSeq, int n) {
        List<LogEntry> out = new ArrayList<>(n);
        for (long s = fromSeq; s < fromSeq + n; s++) {
            Instant t = Instant.parse("2026-11-27T10:00:00Z").plusMillis(s);
            if (s % 7 == 3) {
                out.add(new LogEntry.DecisionEntry(s, 1_000 + s, new Decision("d" + s, "feed", "u" + (s % 5), t, "m1", "champion",
                        List.of(new ServedItem("a" + s, 1, 0.7, 0.5), new ServedItem("b" + s, 2, null, 0.25)), List.of("a" + s, "b" + s), null)));
            } else if (s % 13 == 8) {
                out.add(new LogEntry.ItemEntry(s, 1_000 + s, new Item("a" + (s % 20), "Title " + s, "body text " + s,
                        List.of("news"), s % 2 == 0 ? null : "{\"len\":" + s + "}", s % 3 == 0 ? null : t)));
            } else if (s % 11 == 5) {
                out.add(new LogEntry.QuarantineEntry(s, 1_000 + s, new Rejected("event", (int) (s % 3), "bad" + s,
                        List.of(new FieldError("timestamp", "is required")), "{\"id\":\"bad" + s + "\"}")));
            } else {
                out.add(new LogEntry.EventEntry(s, 1_000 + s, new Event("e" + s, s % 2 == 0 ? "impression" : "click", t,
                        "u" + (s % 5), null, "d" + s, "feed", "a" + s, s % 3 == 0 ? 1.5 : null, s % 4 == 0 ? "{\"p\":" + s + "}" : null)));
            }
        }
        return out;
    }
}
