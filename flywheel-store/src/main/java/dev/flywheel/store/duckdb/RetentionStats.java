package dev.flywheel.store.duckdb;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What retention has moved to the archive since the store began (kept in the store, so it survives
 * restarts).
 *
 * @param segments    log segments archived and deleted
 * @param entries     log entries in them
 * @param bytes       the Parquet bytes they take in the archive
 * @param logBytes    the segment bytes freed
 * @param archivedSeq the last log seq archived, -1 for none
 * @param derivedRows rows of derived tables (outcomes, unjoined feedback) moved to the archive
 * @param derivedBytes their Parquet bytes
 */
public record RetentionStats(long segments, long entries, long bytes, long logBytes, long archivedSeq, long derivedRows,
                             long derivedBytes) {

    public static final RetentionStats NONE = new RetentionStats(0, 0, 0, 0, -1, 0, 0);

    /** The figures by name, as status and metrics show them. */
    public Map<String, Long> asMap() {
        Map<String, Long> out = new LinkedHashMap<>();
        out.put("archived_segments", segments);
        out.put("archived_entries", entries);
        out.put("archived_bytes", bytes);
        out.put("log_bytes_freed", logBytes);
        out.put("archived_seq", archivedSeq);
        out.put("derived_rows_archived", derivedRows);
        out.put("derived_bytes", derivedBytes);
        return out;
    }
}
