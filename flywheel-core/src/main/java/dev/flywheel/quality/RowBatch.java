package dev.flywheel.quality;

import java.util.List;
import java.util.Map;

/**
 * The rows one validation runs over (a file, or a window of the stream): each row maps a column to its
 * value (null or absent when missing), and {@code columns} are the batch's columns, which
 * {@code expect_column_to_exist} checks: a column can exist with every value missing.
 */
public record RowBatch(List<String> columns, List<? extends Map<String, ?>> rows) {
    public RowBatch {
        columns = List.copyOf(columns);
        rows = List.copyOf(rows);
    }

    /** A batch whose columns are every key some row has, in first-seen order. */
    public static RowBatch of(List<? extends Map<String, ?>> rows) {
        java.util.LinkedHashSet<String> cols = new java.util.LinkedHashSet<>();
        for (Map<String, ?> r : rows) cols.addAll(r.keySet());
        return new RowBatch(List.copyOf(cols), rows);
    }
}
