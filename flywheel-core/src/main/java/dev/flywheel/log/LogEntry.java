package dev.flywheel.log;

import dev.flywheel.catalog.Item;
import dev.flywheel.decision.Decision;
import dev.flywheel.event.Event;
import java.time.Instant;

/**
 * One entry of the event log. {@code seq} is dense and increasing across all kinds: it is the
 * position a reader resumes from and the offset a materialised store records.
 */
public sealed interface LogEntry {
    long seq();

    /** When Flywheel acknowledged the entry (epoch millis), as opposed to when the fact happened. */
    long receivedMillis();

    /** When the fact happened: the event's or decision's timestamp; null for the kinds that carry none. */
    default Instant timestamp() {
        return null;
    }

    /**
     * The same entry at another seq: a reader of a partitioned log (Kafka), where the writer's seq is
     * no position, numbers the entries it applies itself.
     */
    LogEntry withSeq(long seq);

    record EventEntry(long seq, long receivedMillis, Event event) implements LogEntry {
        @Override
        public EventEntry withSeq(long s) {
            return new EventEntry(s, receivedMillis, event);
        }

        @Override
        public Instant timestamp() {
            return event.timestamp();
        }
    }

    record DecisionEntry(long seq, long receivedMillis, Decision decision) implements LogEntry {
        @Override
        public DecisionEntry withSeq(long s) {
            return new DecisionEntry(s, receivedMillis, decision);
        }

        @Override
        public Instant timestamp() {
            return decision.timestamp();
        }
    }

    record QuarantineEntry(long seq, long receivedMillis, Rejected rejected) implements LogEntry {
        @Override
        public QuarantineEntry withSeq(long s) {
            return new QuarantineEntry(s, receivedMillis, rejected);
        }
    }

    record ItemEntry(long seq, long receivedMillis, Item item) implements LogEntry {
        @Override
        public ItemEntry withSeq(long s) {
            return new ItemEntry(s, receivedMillis, item);
        }
    }
}
