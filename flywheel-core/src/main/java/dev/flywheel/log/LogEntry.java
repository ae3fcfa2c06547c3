package dev.flywheel.log;

import dev.flywheel.catalog.Item;
import dev.flywheel.decision.Decision;
import dev.flywheel.event.Event;

/**
 * One entry of the event log. {@code seq} is dense and increasing across all kinds: it is the
 * position a reader resumes from and the offset a materialised store records.
 */
public sealed interface LogEntry {
    long seq();

    /** When Flywheel acknowledged the entry (epoch millis), as opposed to when the fact happened. */
    long receivedMillis();

    record EventEntry(long seq, long receivedMillis, Event event) implements LogEntry { }

    record DecisionEntry(long seq, long receivedMillis, Decision decision) implements LogEntry { }

    record QuarantineEntry(long seq, long receivedMillis, Rejected rejected) implements LogEntry { }

    record ItemEntry(long seq, long receivedMillis, Item item) implements LogEntry { }
}
