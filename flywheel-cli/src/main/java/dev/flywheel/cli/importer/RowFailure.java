package dev.flywheel.cli.importer;

import dev.flywheel.event.FieldError;
import java.util.List;

/**
 * A row that gave at least one refused record, until its raw text is fetched for the quarantine.
 *
 * @param rowid    its position in the mapped table, to fetch the raw row by
 * @param fileRow  its 1-based row number in the file, for the user
 * @param recordId the id the file gave it, if any
 */
record RowFailure(long rowid, long fileRow, String recordId, List<FieldError> errors) {
    RowFailure {
        errors = List.copyOf(errors);
    }
}
