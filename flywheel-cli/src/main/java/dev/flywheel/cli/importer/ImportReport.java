package dev.flywheel.cli.importer;

import dev.flywheel.log.Rejected;
import java.util.List;

/**
 * The outcome of an import.
 *
 * @param seconds      from opening the files until every record was durable in the log
 * @param storeSeconds how long the queryable store then took to catch up with the log
 * @param samples      the first few quarantined rows, with their reasons
 */
public record ImportReport(Counts events, Counts items, Counts decisions, double seconds, double storeSeconds,
                           List<Sample> samples) {
    /** A quarantined input: its kind ({@code event}, {@code item}, {@code decision}), its row or line, and why. */
    public record Sample(String kind, long row, String reason) {
        static Sample of(Rejected r) {
            return new Sample(r.source(), r.index(), r.reason());
        }
    }

    public ImportReport {
        samples = List.copyOf(samples);
    }

    /** Events handed to the log per second: accepted and duplicates, over {@link #seconds}. */
    public double eventsPerSecond() {
        return seconds > 0 ? (events.accepted() + events.duplicates()) / seconds : 0;
    }
}
