package dev.flywheel.cli.importer;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The file row of a mapped row, stepping over the rows the CSV reader rejected. */
class RowNumbersTest {
    @Test
    void stepsOverRejectedRows() {
        RowNumbers rows = new RowNumbers(new long[] {5, 2, 3});
        // good rows are 1, 4, 6, 7, ...
        assertEquals(1, rows.fileRow(0));
        assertEquals(4, rows.fileRow(1));
        assertEquals(6, rows.fileRow(2));
        assertEquals(7, rows.fileRow(3));
        assertEquals(3, RowNumbers.none().fileRow(2));
    }
}
