package dev.flywheel.stats.internal;

import java.util.Arrays;

/**
 * Dense ids for pairs of longs, in order of first appearance (the first new pair gets 0, the next 1,
 * ...). Open addressing over primitive arrays: the off-policy estimators key millions of rows by
 * (context, action) and (cell, reward), and a {@code HashMap} with boxed keys was most of their time.
 */
public final class PairIndex {
    private long[] first = new long[16];
    private long[] second = new long[16];
    private int[] slots = new int[32]; // id + 1 per slot, 0 = empty; at most half full
    private int size;

    /** The pair's id, adding it when new. */
    public int add(long a, long b) {
        int slot = slot(a, b);
        if (slots[slot] != 0) {
            return slots[slot] - 1;
        }
        if (size == first.length) {
            first = Arrays.copyOf(first, size * 2);
            second = Arrays.copyOf(second, size * 2);
        }
        first[size] = a;
        second[size] = b;
        slots[slot] = ++size;
        if (size * 2 > slots.length) {
            rehash();
        }
        return size - 1;
    }

    /** The pair's id, or -1 when it was never added. */
    public int find(long a, long b) {
        return slots[slot(a, b)] - 1;
    }

    public int size() {
        return size;
    }

    public long first(int id) {
        return first[id];
    }

    public long second(int id) {
        return second[id];
    }

    private int slot(long a, long b) {
        int mask = slots.length - 1;
        int s = hash(a, b) & mask;
        while (slots[s] != 0 && (first[slots[s] - 1] != a || second[slots[s] - 1] != b)) {
            s = (s + 1) & mask;
        }
        return s;
    }

    private void rehash() {
        slots = new int[slots.length * 2];
        int mask = slots.length - 1;
        for (int id = 0; id < size; id++) {
            int s = hash(first[id], second[id]) & mask;
            while (slots[s] != 0) {
                s = (s + 1) & mask;
            }
            slots[s] = id + 1;
        }
    }

    private static int hash(long a, long b) {
        long h = a * 0x9E3779B97F4A7C15L + b * 0xC2B2AE3D27D4EB4FL;
        h ^= h >>> 33;
        h *= 0xFF51AFD7ED558CCDL;
        h ^= h >>> 33;
        return (int) h;
    }
}
