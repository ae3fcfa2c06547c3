package dev.flywheel.cli.importer;

import java.util.Arrays;

/**
 * The distinct values of a text column keyed by the 63-bit DuckDB hash they were read back as: an
 * open-addressing table, so a lookup per row costs no allocation. Built only when no two values
 * share a hash (the caller reads the column as text otherwise), so a lookup is exact.
 */
final class Dictionary {
    private static final long EMPTY = -1; // hashes are shifted to be non-negative
    private final long[] keys;
    private final String[] values;
    private final int mask;

    private Dictionary(int capacity) {
        keys = new long[capacity];
        Arrays.fill(keys, EMPTY);
        values = new String[capacity];
        mask = capacity - 1;
    }

    static Dictionary withRoomFor(int n) {
        return new Dictionary(Integer.highestOneBit(Math.max(16, n * 2) - 1) << 1);
    }

    /** Adds a value; false when another value already has its hash. */
    boolean put(long hash, String value) {
        int i = slot(hash);
        while (keys[i] != EMPTY) {
            if (keys[i] == hash) return values[i].equals(value);
            i = (i + 1) & mask;
        }
        keys[i] = hash;
        values[i] = value;
        return true;
    }

    String get(long hash) {
        int i = slot(hash);
        while (keys[i] != hash) {
            if (keys[i] == EMPTY) throw new IllegalStateException("no dictionary value for hash " + hash);
            i = (i + 1) & mask;
        }
        return values[i];
    }

    private int slot(long hash) {
        return (int) (hash ^ (hash >>> 29)) & mask;
    }
}
