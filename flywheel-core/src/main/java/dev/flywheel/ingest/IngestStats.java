package dev.flywheel.ingest;

import java.util.concurrent.atomic.LongAdder;

/**
 * Counters of the ingest path, read by the metrics endpoint. The quarantine is the one bad-record
 * policy: every refused input is counted here by what it was.
 */
public final class IngestStats {
    public final LongAdder eventsAccepted = new LongAdder();
    public final LongAdder decisionsAccepted = new LongAdder();
    public final LongAdder itemsAccepted = new LongAdder();
    public final LongAdder duplicates = new LongAdder();
    public final LongAdder quarantinedEvents = new LongAdder();
    public final LongAdder quarantinedDecisions = new LongAdder();
    public final LongAdder quarantinedRequests = new LongAdder();
    public final LongAdder commits = new LongAdder();
    public final LongAdder commitNanos = new LongAdder();
    public final LongAdder failedCommits = new LongAdder();

    void countRejected(String source) {
        switch (source) {
            case "event" -> quarantinedEvents.increment();
            case "decision" -> quarantinedDecisions.increment();
            default -> quarantinedRequests.increment();
        }
    }
}
