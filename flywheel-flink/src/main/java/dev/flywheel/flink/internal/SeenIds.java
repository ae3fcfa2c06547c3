package dev.flywheel.flink.internal;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * One user's ids that the dedupe remembers, each with when it was first seen: the ids' UTF-8 bytes
 * end to end in one array, their ends, their times and hashes in primitive arrays, and an
 * open-addressing table of their places. As a Flink map state of strings to longs each id was four
 * objects (a map node, a string and its bytes, a boxed time), all kept for the whole horizon: the
 * most numerous objects of a long run, walked by every collection, and written one call per field
 * at every checkpoint (docs/performance.md). Here a user is five arrays whatever their number of
 * ids, and a checkpoint writes them whole.
 *
 * <p>An algorithmic core (the table and the compaction of forgotten ids), so larger than most.
 */
public final class SeenIds {
    private static final byte[] NO_BYTES = new byte[0];
    private static final int[] NO_INTS = new int[0];
    private static final long[] NO_LONGS = new long[0];
    private static final long SEED = java.util.concurrent.ThreadLocalRandom.current().nextLong();
    private byte[] bytes = NO_BYTES;
    /** Where id i's bytes end in {@link #bytes}; they start where id i − 1's end. */
    private int[] ends = NO_INTS;
    private long[] firstSeen = NO_LONGS;
    private int[] hashes = NO_INTS;
    private int n;
    /** Open addressing over the ids' hashes: 1 + an id's index, 0 for a free slot; a power of two over 2n. */
    private int[] table = NO_INTS;

    int size() {
        return n;
    }

    /** Remembers {@code id} as first seen at {@code at}; false, changing nothing, when it is remembered already. */
    boolean add(String id, long at) {
        byte[] b = id.getBytes(StandardCharsets.UTF_8);
        int h = hash(b, 0, b.length);
        if (indexOf(b, h) >= 0) return false;
        append(b, 0, b.length, h, at);
        return true;
    }

    boolean contains(String id) {
        byte[] b = id.getBytes(StandardCharsets.UTF_8);
        return indexOf(b, hash(b, 0, b.length)) >= 0;
    }

    /** The earliest first-seen time of the ids remembered, {@link Long#MAX_VALUE} when none. */
    long oldest() {
        long oldest = Long.MAX_VALUE;
        for (int i = 0; i < n; i++) oldest = Math.min(oldest, firstSeen[i]);
        return oldest;
    }

    /** Forgets the ids first seen at or before {@code cutoff}; returns how many. */
    int forgetUpTo(long cutoff) {
        int kept = 0;
        int write = 0;
        int start = 0;
        for (int i = 0; i < n; i++) {
            int end = ends[i];
            if (firstSeen[i] > cutoff) {
                System.arraycopy(bytes, start, bytes, write, end - start);
                write += end - start;
                ends[kept] = write;
                firstSeen[kept] = firstSeen[i];
                hashes[kept] = hashes[i];
                kept++;
            }
            start = end;
        }
        int forgotten = n - kept;
        n = kept;
        if (forgotten > 0) rehash(tableSizeFor(n));
        return forgotten;
    }

    SeenIds copy() {
        SeenIds c = new SeenIds();
        c.bytes = Arrays.copyOf(bytes, end(n - 1));
        c.ends = Arrays.copyOf(ends, n);
        c.firstSeen = Arrays.copyOf(firstSeen, n);
        c.hashes = Arrays.copyOf(hashes, n);
        c.n = n;
        c.table = table.clone();
        return c;
    }

    /** All the ids' bytes end to end (up to {@code end(size() - 1)}): for the serializer. */
    byte[] bytes() {
        return bytes;
    }

    int end(int i) {
        return i < 0 ? 0 : ends[i];
    }

    long firstSeen(int i) {
        return firstSeen[i];
    }

    /** Builds the ids the serializer read: {@code all}'s bytes cut at {@code ends}, with their times. */
    static SeenIds of(byte[] all, int[] ends, long[] firstSeen) {
        SeenIds s = new SeenIds();
        s.bytes = all;
        s.ends = ends;
        s.firstSeen = firstSeen;
        s.n = ends.length;
        s.hashes = new int[s.n];
        for (int i = 0; i < s.n; i++) {
            int start = s.end(i - 1);
            if (ends[i] < start || ends[i] > all.length) throw new IllegalStateException("an id's end is out of order: " + ends[i]);
            s.hashes[i] = hash(all, start, ends[i]);
        }
        s.rehash(tableSizeFor(s.n));
        return s;
    }

    private int indexOf(byte[] b, int h) {
        if (n == 0) return -1;
        int mask = table.length - 1;
        for (int slot = spread(h) & mask; table[slot] != 0; slot = (slot + 1) & mask) {
            int i = table[slot] - 1;
            int start = end(i - 1);
            if (hashes[i] == h && Arrays.equals(bytes, start, ends[i], b, 0, b.length)) return i;
        }
        return -1;
    }

    private void append(byte[] b, int from, int to, int h, long at) {
        int start = end(n - 1);
        int length = to - from;
        if (start + length > bytes.length) bytes = Arrays.copyOf(bytes, Math.max(start + length, bytes.length * 2));
        if (n == ends.length) {
            int size = Math.max(4, n * 2);
            ends = Arrays.copyOf(ends, size);
            firstSeen = Arrays.copyOf(firstSeen, size);
            hashes = Arrays.copyOf(hashes, size);
        }
        System.arraycopy(b, from, bytes, start, length);
        ends[n] = start + length;
        firstSeen[n] = at;
        hashes[n] = h;
        n++;
        if (2 * n > table.length) rehash(tableSizeFor(n));
        else place(n - 1);
    }

    private void rehash(int size) {
        table = size == 0 ? NO_INTS : new int[size];
        for (int i = 0; i < n; i++) place(i);
    }

    private void place(int i) {
        int mask = table.length - 1;
        int slot = spread(hashes[i]) & mask;
        while (table[slot] != 0) slot = (slot + 1) & mask;
        table[slot] = i + 1;
    }

    /** A power of two of at least 2n (0 for none), so that a probe ends at a free slot soon. */
    private static int tableSizeFor(int n) {
        return n == 0 ? 0 : Integer.highestOneBit(Math.max(2, 2 * n - 1)) << 1;
    }

    /**
     * A hash of an id's bytes over a range (the serializer reads all of a user's ids into one array),
     * mixed at every byte from a seed drawn at random per process: ids are the product's, and with a
     * hash a client can predict ({@link Arrays#hashCode(byte[])}, "Aa" and "BB" strung together) all
     * of a user's ids could probe one run of slots, each add a walk over the others. Hashes are never
     * written: a restore hashes again with its own seed.
     */
    private static int hash(byte[] b, int from, int to) {
        long h = SEED;
        for (int i = from; i < to; i++) {
            h = (h ^ b[i]) * 0x9E3779B97F4A7C15L;
            h ^= h >>> 32;
        }
        return (int) (h ^ (h >>> 29));
    }

    /** The hash an id probes with, for a test that ids a client may choose do not all probe one run. */
    static int probeHash(String id) {
        byte[] b = id.getBytes(StandardCharsets.UTF_8);
        return hash(b, 0, b.length);
    }

    private static int spread(int h) {
        return h ^ (h >>> 16);
    }
}
