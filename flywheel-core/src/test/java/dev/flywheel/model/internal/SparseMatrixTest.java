package dev.flywheel.model.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SparseMatrixTest {

    @Test
    void builderSumsDuplicatesSortsColumnsAndDropsZeroSums() {
        SparseMatrix m = SparseMatrix.builder(3, 4)
                .add(0, 3, 1f).add(0, 1, 2f).add(0, 3, 0.5f) // (0,3) = 1 + 0.5
                .add(2, 2, 4f).add(2, 0, -1f)
                .add(1, 1, 3f).add(1, 1, -3f)                 // sums to 0: not stored
                .build();
        assertEquals(3, m.rows());
        assertEquals(4, m.cols());
        assertEquals(4, m.nonZeros());
        assertArrayEquals(new int[] {1, 3}, m.columns(0));
        assertArrayEquals(new float[] {2f, 1.5f}, m.values(0));
        assertEquals(0, m.rowLength(1));
        assertArrayEquals(new int[] {0, 2}, m.columns(2));
        assertArrayEquals(new float[] {-1f, 4f}, m.values(2));
        assertEquals(1.5f, m.get(0, 3));
        assertEquals(0f, m.get(0, 0));
        assertEquals(0f, m.get(1, 1));
        assertEquals(2, m.start(1));
        assertEquals(2, m.end(1));
    }

    @Test
    void randomTripletsAgreeWithADenseSum() {
        SplittableRandom random = new SplittableRandom(3);
        int rows = 40;
        int cols = 25;
        double[][] dense = new double[rows][cols];
        SparseMatrix.Builder b = SparseMatrix.builder(rows, cols);
        for (int t = 0; t < 600; t++) {
            int r = random.nextInt(rows);
            int c = random.nextInt(cols);
            float v = random.nextInt(1, 5); // small integers: float sums are exact
            dense[r][c] += v;
            b.add(r, c, v);
        }
        SparseMatrix m = b.build();
        int nonZero = 0;
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                assertEquals(dense[r][c], m.get(r, c), 0.0, "(" + r + ", " + c + ")");
                if (dense[r][c] != 0) nonZero++;
            }
            int[] columns = m.columns(r);
            for (int k = 1; k < columns.length; k++) assertTrue(columns[k] > columns[k - 1], "row " + r + " increasing");
        }
        assertEquals(nonZero, m.nonZeros());
        assertEquals(600, b.size());
    }

    @Test
    void transposeSwapsEveryCellAndKeepsRowsSorted() {
        SplittableRandom random = new SplittableRandom(8);
        SparseMatrix.Builder b = SparseMatrix.builder(30, 17);
        for (int t = 0; t < 200; t++) b.add(random.nextInt(30), random.nextInt(17), (float) random.nextDouble(0.1, 1));
        SparseMatrix m = b.build();
        SparseMatrix t = m.transpose();
        assertEquals(17, t.rows());
        assertEquals(30, t.cols());
        assertEquals(m.nonZeros(), t.nonZeros());
        for (int r = 0; r < 30; r++) {
            for (int c = 0; c < 17; c++) assertEquals(m.get(r, c), t.get(c, r));
        }
        for (int c = 0; c < 17; c++) {
            int[] columns = t.columns(c);
            for (int k = 1; k < columns.length; k++) assertTrue(columns[k] > columns[k - 1]);
        }
        for (int r = 0; r < 30; r++) assertArrayEquals(m.columns(r), t.transpose().columns(r));
    }

    @Test
    void emptyMatricesAreValid() {
        SparseMatrix none = SparseMatrix.builder(0, 0).build();
        assertEquals(0, none.nonZeros());
        assertEquals(0, none.transpose().rows());
        SparseMatrix blank = SparseMatrix.builder(2, 3).build();
        assertEquals(0, blank.rowLength(1));
        assertEquals(2, blank.transpose().cols());
        assertEquals(0, blank.transpose().rowLength(2));
    }

    @Test
    void refusesBadArgumentsNamingThem() {
        SparseMatrix.Builder b = SparseMatrix.builder(2, 3);
        assertEquals("row 2 is outside [0, 2)", assertThrows(IllegalArgumentException.class, () -> b.add(2, 0, 1)).getMessage());
        assertEquals("col -1 is outside [0, 3)", assertThrows(IllegalArgumentException.class, () -> b.add(0, -1, 1)).getMessage());
        assertEquals("value at (1, 2) must be finite, got NaN",
                assertThrows(IllegalArgumentException.class, () -> b.add(1, 2, Float.NaN)).getMessage());
        assertThrows(IllegalArgumentException.class, () -> SparseMatrix.builder(-1, 3));
        SparseMatrix m = b.build();
        assertEquals("row 5 is outside [0, 2)", assertThrows(IllegalArgumentException.class, () -> m.rowLength(5)).getMessage());
        assertThrows(IllegalArgumentException.class, () -> m.get(0, 3));
    }
}
