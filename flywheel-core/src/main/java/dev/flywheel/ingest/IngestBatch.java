package dev.flywheel.ingest;

import dev.flywheel.event.LoggedRecord;
import dev.flywheel.log.Rejected;
import java.util.List;

/**
 * One request's worth of input after parsing: the records that passed validation, in request
 * order, and the ones that did not. Rejections are quarantined in the same atomic append as the
 * accepted records.
 */
public record IngestBatch(List<? extends LoggedRecord> records, List<Rejected> rejected) {
    public IngestBatch {
        records = List.copyOf(records);
        rejected = List.copyOf(rejected);
    }

    public int size() {
        return records.size() + rejected.size();
    }
}
