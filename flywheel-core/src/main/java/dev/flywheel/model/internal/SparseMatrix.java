package dev.flywheel.model.internal;

import java.util.Arrays;

/**
 * An immutable sparse matrix of {@code float} values in compressed sparse row (CSR) form: the entries
 * of row r are k = {@link #start}(r) … {@link #end}(r) − 1, at column {@link #column}(k) with value
 * {@link #value}(k); within a row the columns are strictly increasing. Only the cells with a non-zero
 * value are stored.
 *
 * <p>Three primitive arrays (rows + 1 row starts, then a column and a value per entry) keep it at
 * 8 bytes an entry: ten million entries take 80 MB, and the {@link Builder} needs 12 bytes an entry
 * more while it collects triplets. Readers go through per-entry accessors rather than the arrays so
 * that nothing outside can change a matrix once built.
 */
public final class SparseMatrix {
    private final int rows;
    private final int cols;
    private final int[] rowStart;
    private final int[] colIndex;
    private final float[] value;

    private SparseMatrix(int rows, int cols, int[] rowStart, int[] colIndex, float[] value) {
        this.rows = rows;
        this.cols = cols;
        this.rowStart = rowStart;
        this.colIndex = colIndex;
        this.value = value;
    }

    /** A builder of a rows x cols matrix from (row, column, value) triplets. */
    public static Builder builder(int rows, int cols) {
        return new Builder(rows, cols, 16);
    }

    /** As {@link #builder(int, int)}, sized for about {@code expectedEntries} triplets so it need not grow. */
    public static Builder builder(int rows, int cols, int expectedEntries) {
        if (expectedEntries < 0) throw new IllegalArgumentException("expectedEntries must be >= 0, got " + expectedEntries);
        return new Builder(rows, cols, Math.max(16, expectedEntries));
    }

    public int rows() {
        return rows;
    }

    public int cols() {
        return cols;
    }

    /** Number of stored entries (cells with a non-zero value). */
    public int nonZeros() {
        return colIndex.length;
    }

    public int rowLength(int r) {
        checkRow(r);
        return rowStart[r + 1] - rowStart[r];
    }

    /** Index of row r's first entry. */
    public int start(int r) {
        checkRow(r);
        return rowStart[r];
    }

    /** One past the index of row r's last entry. */
    public int end(int r) {
        checkRow(r);
        return rowStart[r + 1];
    }

    /** Column of entry k, for k in [0, {@link #nonZeros()}). */
    public int column(int k) {
        return colIndex[k];
    }

    /** Value of entry k, for k in [0, {@link #nonZeros()}). */
    public float value(int k) {
        return value[k];
    }

    /** The value at (r, c), 0 when the cell is not stored; a binary search within the row. */
    public float get(int r, int c) {
        checkRow(r);
        if (c < 0 || c >= cols) throw new IllegalArgumentException("column " + c + " is outside [0, " + cols + ")");
        int k = Arrays.binarySearch(colIndex, rowStart[r], rowStart[r + 1], c);
        return k >= 0 ? value[k] : 0;
    }

    /** A copy of row r's columns, increasing. */
    public int[] columns(int r) {
        checkRow(r);
        return Arrays.copyOfRange(colIndex, rowStart[r], rowStart[r + 1]);
    }

    /** A copy of row r's values, in the order of {@link #columns(int)}. */
    public float[] values(int r) {
        checkRow(r);
        return Arrays.copyOfRange(value, rowStart[r], rowStart[r + 1]);
    }

    /**
     * The cols x rows transpose, by a counting sort on the column: O(rows + cols + nonZeros). Rows are
     * visited in order, so each transposed row comes out with its columns already increasing.
     */
    public SparseMatrix transpose() {
        int nnz = nonZeros();
        int[] start = new int[cols + 1];
        for (int k = 0; k < nnz; k++) start[colIndex[k] + 1]++;
        for (int c = 0; c < cols; c++) start[c + 1] += start[c];
        int[] next = Arrays.copyOf(start, cols);
        int[] tCol = new int[nnz];
        float[] tValue = new float[nnz];
        for (int r = 0; r < rows; r++) {
            for (int k = rowStart[r]; k < rowStart[r + 1]; k++) {
                int slot = next[colIndex[k]]++;
                tCol[slot] = r;
                tValue[slot] = value[k];
            }
        }
        return new SparseMatrix(cols, rows, start, tCol, tValue);
    }

    @Override
    public String toString() {
        return "SparseMatrix[" + rows + " x " + cols + ", " + nonZeros() + " non-zeros]";
    }

    private void checkRow(int r) {
        if (r < 0 || r >= rows) throw new IllegalArgumentException("row " + r + " is outside [0, " + rows + ")");
    }

    /**
     * Collects (row, column, value) triplets in any order; {@link #build()} sums the values of a cell
     * given more than once (in double, then rounds to float) and drops cells whose sum rounds to 0.
     */
    public static final class Builder {
        private final int rows;
        private final int cols;
        private int size;
        private int[] tripletRow;
        private int[] tripletCol;
        private float[] tripletValue;

        private Builder(int rows, int cols, int capacity) {
            if (rows < 0) throw new IllegalArgumentException("rows must be >= 0, got " + rows);
            if (cols < 0) throw new IllegalArgumentException("cols must be >= 0, got " + cols);
            tripletRow = new int[capacity];
            tripletCol = new int[capacity];
            tripletValue = new float[capacity];
            this.rows = rows;
            this.cols = cols;
        }

        public Builder add(int row, int col, float value) {
            if (row < 0 || row >= rows) throw new IllegalArgumentException("row " + row + " is outside [0, " + rows + ")");
            if (col < 0 || col >= cols) throw new IllegalArgumentException("col " + col + " is outside [0, " + cols + ")");
            if (!Float.isFinite(value)) {
                throw new IllegalArgumentException("value at (" + row + ", " + col + ") must be finite, got " + value);
            }
            if (size == tripletRow.length) grow();
            tripletRow[size] = row;
            tripletCol[size] = col;
            tripletValue[size] = value;
            size++;
            return this;
        }

        /** Number of triplets added so far (before duplicates are summed). */
        public int size() {
            return size;
        }

        /** The matrix of the triplets added so far; the builder stays usable. */
        public SparseMatrix build() {
            int[] start = new int[rows + 1];
            for (int t = 0; t < size; t++) start[tripletRow[t] + 1]++;
            for (int r = 0; r < rows; r++) start[r + 1] += start[r];
            int[] next = Arrays.copyOf(start, rows);
            int[] col = new int[size];
            float[] val = new float[size];
            for (int t = 0; t < size; t++) {
                int slot = next[tripletRow[t]]++;
                col[slot] = tripletCol[t];
                val[slot] = tripletValue[t];
            }
            int nnz = sortAndMerge(start, col, val);
            return new SparseMatrix(rows, cols, start, Arrays.copyOf(col, nnz), Arrays.copyOf(val, nnz));
        }

        /**
         * Sorts each row by column, sums repeated cells and compacts the arrays in place; rewrites
         * {@code start} to the compacted rows and returns the entry count. Writing never overtakes
         * reading (a row only shrinks), so one pass over the rows in order is safe.
         */
        private int sortAndMerge(int[] start, int[] col, float[] val) {
            long[] packed = new long[0];
            int write = 0;
            for (int r = 0; r < rows; r++) {
                int from = start[r];
                int to = start[r + 1];
                start[r] = write;
                if (!increasing(col, from, to)) {
                    if (packed.length < to - from) packed = new long[to - from];
                    sortRow(col, val, from, to, packed);
                }
                int k = from;
                while (k < to) {
                    int c = col[k];
                    double sum = 0;
                    for (; k < to && col[k] == c; k++) sum += val[k];
                    float rounded = (float) sum;
                    if (rounded != 0) {
                        col[write] = c;
                        val[write] = rounded;
                        write++;
                    }
                }
            }
            start[rows] = write;
            return write;
        }

        private static boolean increasing(int[] col, int from, int to) {
            for (int k = from + 1; k < to; k++) {
                if (col[k] <= col[k - 1]) return false;
            }
            return true;
        }

        /** Packs (column, value bits) into longs so that one primitive sort orders a row by column. */
        private static void sortRow(int[] col, float[] val, int from, int to, long[] packed) {
            int n = to - from;
            for (int i = 0; i < n; i++) {
                packed[i] = ((long) col[from + i] << 32) | (Float.floatToRawIntBits(val[from + i]) & 0xffffffffL);
            }
            Arrays.sort(packed, 0, n);
            for (int i = 0; i < n; i++) {
                col[from + i] = (int) (packed[i] >>> 32);
                val[from + i] = Float.intBitsToFloat((int) packed[i]);
            }
        }

        private void grow() {
            if (size == Integer.MAX_VALUE - 8) throw new IllegalStateException("too many triplets for one matrix");
            int capacity = (int) Math.min(Integer.MAX_VALUE - 8L, size + (size >> 1) + 16L);
            tripletRow = Arrays.copyOf(tripletRow, capacity);
            tripletCol = Arrays.copyOf(tripletCol, capacity);
            tripletValue = Arrays.copyOf(tripletValue, capacity);
        }
    }
}
