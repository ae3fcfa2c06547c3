package dev.flywheel.ingest;

import java.time.Duration;

/**
 * Tuning of the ingest path.
 *
 * @param maxFutureSkew    how far in the future a record's timestamp may lie before it is refused
 *                         (clocks of clients drift; a record from next year is a bug)
 * @param maxGroupEntries  the most entries one group commit writes; bigger groups amortise the
 *                         sync, smaller ones bound the latency of the first request in the group
 * @param maxQueuedBatches requests waiting for the writer before new ones are turned away
 */
public record IngestSettings(Duration maxFutureSkew, int maxGroupEntries, int maxQueuedBatches) {
    public IngestSettings {
        if (maxFutureSkew == null || maxFutureSkew.isNegative()) {
            throw new IllegalArgumentException("maxFutureSkew must be zero or positive");
        }
        if (maxGroupEntries < 1) throw new IllegalArgumentException("maxGroupEntries must be at least 1");
        if (maxQueuedBatches < 1) throw new IllegalArgumentException("maxQueuedBatches must be at least 1");
    }

    public static IngestSettings defaults() {
        return new IngestSettings(Duration.ofHours(1), 50_000, 4_096);
    }
}
