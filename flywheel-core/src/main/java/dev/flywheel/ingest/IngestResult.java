package dev.flywheel.ingest;

import dev.flywheel.log.Rejected;
import java.util.List;

/**
 * The answer to one ingest request. Every input is in exactly one of the three: newly stored,
 * already stored before (by id), or rejected and quarantined.
 */
public record IngestResult(int accepted, int duplicates, List<Rejected> rejected) {
    public IngestResult {
        if (accepted < 0 || duplicates < 0) throw new IllegalArgumentException("counts must not be negative");
        rejected = List.copyOf(rejected);
    }
}
