package dev.flywheel.flink;

import dev.flywheel.event.Event;
import dev.flywheel.event.LoggedRecord;
import dev.flywheel.log.LogEntry;
import dev.flywheel.topology.BotHistory;
import dev.flywheel.topology.LoopHistory;
import dev.flywheel.topology.TopologyTestDriver;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The seeded stream both shapes are fed: a loop's history (items, one edited, decisions with
 * feedback, exposures) followed two months later by five hours in which push bots join 40 people,
 * so that windows close, models train, monitors name the bots and a suite alerts. And the same
 * stream as a product delivers it more than once: some events and decisions repeated a few entries
 * later.
 */
final class SeededStream {
    /** The loop and a window-level suite that fails every hour of dwell events (too few rows), so it alerts. */
    static final String CONFIG = """
            loops:
              - name: feed
                reward: {weights: {like: 1.0, click: 0.1, dislike: -1.0}}
                quality: {enabled: true, window: 1h, min_impressions: 100}
            expectations:
              - suite:
                  expectation_suite_name: dwell
                  expectations:
                    - {expectation_type: expect_table_row_count_to_be_between, kwargs: {min_value: 100000}}
                event_types: [dwell]
                window: 1h
            """;

    private SeededStream() { }

    /** The stream as the embedded log holds it: every record once, seqs dense from 0. */
    static List<LogEntry> entries(long seed, int decisions) {
        List<LoggedRecord> records = new ArrayList<>(LoopHistory.of(seed, decisions));
        Random r = new Random(seed);
        for (int hour = 0; hour < 5; hour++) BotHistory.hour(r, hour, records, new ArrayList<>());
        addOrphans(records);
        return TopologyTestDriver.entries(records);
    }

    /** Every 97th record is followed by a click naming a decision nobody logged: feedback that joins nothing. */
    private static void addOrphans(List<LoggedRecord> records) {
        for (int i = records.size() - 1; i > 0; i--) {
            if (i % 97 != 0 || !(records.get(i) instanceof Event e)) continue;
            records.add(i + 1, new Event("orphan-" + i, "click", e.timestamp(), e.user(), null, "d-nobody-logged-" + i, e.loop(),
                    e.item(), null, null));
        }
    }

    /**
     * {@code entries} as delivered at least once: every {@code every}-th event or decision comes again
     * three entries later, with another seq and receive time, as a second producer would send it.
     */
    static List<LogEntry> delivered(List<LogEntry> entries, int every) {
        List<LogEntry> out = new ArrayList<>(entries);
        int n = 0;
        for (int i = entries.size() - 1; i >= 0; i--) {
            LogEntry e = entries.get(i);
            if (!(e instanceof LogEntry.EventEntry || e instanceof LogEntry.DecisionEntry) || ++n % every != 0) continue;
            out.add(Math.min(out.size(), i + 4), again(e));
        }
        return out;
    }

    private static LogEntry again(LogEntry e) {
        if (e instanceof LogEntry.EventEntry x) return new LogEntry.EventEntry(-7, x.receivedMillis() + 5, x.event());
        LogEntry.DecisionEntry d = (LogEntry.DecisionEntry) e;
        return new LogEntry.DecisionEntry(-7, d.receivedMillis() + 5, d.decision());
    }
}
