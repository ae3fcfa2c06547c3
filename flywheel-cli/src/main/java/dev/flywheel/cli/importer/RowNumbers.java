package dev.flywheel.cli.importer;

import java.util.Arrays;

/**
 * Maps a mapped table's rowid (its position among the rows DuckDB could read) back to the row's
 * number in the file (1-based, header excluded), by stepping over the rows DuckDB rejected.
 */
final class RowNumbers {
    private final long[] rejected;

    /** @param rejectedRows file row numbers of the rejected rows, in any order */
    RowNumbers(long[] rejectedRows) {
        this.rejected = rejectedRows.clone();
        Arrays.sort(this.rejected);
    }

    static RowNumbers none() {
        return new RowNumbers(new long[0]);
    }

    int rejectedCount() {
        return rejected.length;
    }

    long fileRow(long rowid) {
        long k = rowid + 1;
        long r = k;
        while (true) {
            long next = k + countUpTo(r);
            if (next == r) return r;
            r = next;
        }
    }

    private int countUpTo(long r) {
        int i = Arrays.binarySearch(rejected, r);
        return i >= 0 ? i + 1 : -i - 1;
    }
}
