package dev.flywheel.outcome;

import dev.flywheel.state.StateReader;
import dev.flywheel.state.StateWriter;
import java.time.Instant;
import java.util.Arrays;
import java.util.function.Consumer;

/**
 * Ids the join remembers (closed decisions, seen events), each with a time (a window's end, an
 * event's time) and the time after which it may be forgotten. Held flat: ids, times and expiries in
 * parallel arrays by entry number, an open-addressing index from id to entry, and a binary heap of
 * entries by expiry (then id). The join holds every id for its whole retention; as a hash map and a
 * queue of records each id was a map node, two instants and a queue record besides the id itself,
 * millions of objects for the collector to trace (docs/performance.md). An algorithmic core, hence
 * longer than most files: the index and the heap are written out here because no JDK collection
 * holds primitives.
 */
final class ExpiringIds {
    private static final int[] NO_INTS = new int[0];
    /**
     * Random per instance, so that where an id probes is not something a client can choose: ids are
     * the product's, and ids with equal {@link String#hashCode} ("Aa" and "BB" repeated) would all
     * probe one run of slots, each add then costing a walk over the others (a hash map turns such a
     * bucket into a tree; linear probing has no such way out).
     */
    private final long seed = java.util.concurrent.ThreadLocalRandom.current().nextLong();
    private String[] ids = new String[0];
    /** Each entry's {@link #hash}, so that a probe compares ids only on equal hashes and a rehash does not hash again. */
    private int[] hash = NO_INTS;
    private long[] seconds = new long[0];
    private int[] nanos = NO_INTS;
    private long[] expirySeconds = new long[0];
    private int[] expiryNanos = NO_INTS;
    /** Each entry's place in {@link #heap}, -1 while it has no expiry (only between the two halves of a read). */
    private int[] heapAt = NO_INTS;
    private int[] heap = NO_INTS;
    private int queued;
    /** Entry + 1 per slot, 0 for an empty slot; linear probing, at most half full. */
    private int[] index = new int[16];
    /** Entry numbers given up by forgotten ids, reused before new ones. */
    private int[] free = NO_INTS;
    private int freeCount;
    private int used;
    private int size;

    int size() {
        return size;
    }

    boolean contains(String id) {
        return find(id) >= 0;
    }

    /** The time held with {@code id}, or null when it is not held. */
    Instant time(String id) {
        int e = find(id);
        return e < 0 ? null : Instant.ofEpochSecond(seconds[e], nanos[e]);
    }

    /** The time after which {@code id} may be forgotten, or null when it is not held. */
    Instant expiry(String id) {
        int e = find(id);
        return e < 0 ? null : Instant.ofEpochSecond(expirySeconds[e], expiryNanos[e]);
    }

    /** Holds {@code id} until {@code expiry}; false (and nothing changed) when it is held already. */
    boolean add(String id, Instant time, Instant expiry) {
        int h = hash(id);
        if (find(id, h) >= 0) return false;
        int e = insert(id, h, time);
        expire(e, expiry);
        return true;
    }

    boolean remove(String id) {
        int e = find(id);
        if (e < 0) return false;
        if (heapAt[e] >= 0) removeFromHeap(heapAt[e]);
        release(e);
        return true;
    }

    /** Forgets every id whose expiry is before {@code t}, earliest first, telling {@code forgotten} (may be null) each. */
    void forgetBefore(Instant t, Consumer<String> forgotten) {
        long s = t.getEpochSecond();
        int n = t.getNano();
        while (queued > 0) {
            int e = heap[0];
            if (expirySeconds[e] > s || expirySeconds[e] == s && expiryNanos[e] >= n) return;
            String id = ids[e];
            removeFromHeap(0);
            release(e);
            if (forgotten != null) forgotten.accept(id);
        }
    }

    /** The ids with their times, in id order: a count, then each id and its time as {@link StateWriter#putInstant}. */
    void writeTimes(StateWriter out) {
        int[] order = entries();
        sort(order, (a, b) -> ids[a].compareTo(ids[b]));
        out.putInt(order.length);
        for (int e : order) {
            out.putString(ids[e]);
            out.putInstant(seconds[e], nanos[e]);
        }
    }

    /** The expiries in the order they fall due (then by id): a count, then each expiry and its id. */
    void writeExpiries(StateWriter out) {
        int[] order = Arrays.copyOf(heap, queued);
        sort(order, this::compareExpiry);
        out.putInt(order.length);
        for (int e : order) {
            out.putInstant(expirySeconds[e], expiryNanos[e]);
            out.putString(ids[e]);
        }
    }

    /** An id that changed since a change set: the id, whether it is held, and if so its time and expiry. */
    void writeChange(String id, StateWriter out) {
        int e = find(id);
        out.putString(id).putBoolean(e >= 0);
        if (e < 0) return;
        out.putInstant(seconds[e], nanos[e]);
        out.putInstant(expirySeconds[e], expiryNanos[e]);
    }

    /** Applies what {@link #writeChange} wrote. */
    void readChange(StateReader in) {
        String id = in.getString();
        if (id == null) throw new IllegalStateException("a changed remembered id without an id");
        remove(id);
        if (!in.getBoolean()) return;
        Instant time = in.getInstant();
        Instant expiry = in.getInstant();
        if (time == null || expiry == null) throw new IllegalStateException("remembered id " + id + " without a time or an expiry");
        add(id, time, expiry);
    }

    /** How many ids the arrays have room for: what ids held at once need, not every id ever held (for tests). */
    int capacity() {
        return ids.length;
    }

    /** The hash an id probes with, for a test that ids a client may choose do not all probe one run. */
    int probeHash(String id) {
        return hash(id);
    }

    /** Reads what {@link #writeTimes} wrote; the ids wait for {@link #readExpiries} to give them their expiries. */
    void readTimes(StateReader in) {
        for (int i = in.count(); i > 0; i--) {
            String id = in.getString();
            Instant time = in.getInstant();
            if (id == null || time == null) throw new IllegalStateException("a remembered id without an id or a time");
            int h = hash(id);
            if (find(id, h) >= 0) throw new IllegalStateException("id " + id + " is remembered twice");
            insert(id, h, time);
        }
    }

    /** Reads what {@link #writeExpiries} wrote; every id read by {@link #readTimes} must get exactly one expiry. */
    void readExpiries(StateReader in) {
        for (int i = in.count(); i > 0; i--) {
            Instant at = in.getInstant();
            String id = in.getString();
            int e = id == null ? -1 : find(id);
            if (e < 0 || at == null) throw new IllegalStateException("an expiry for id " + id + ", which is not remembered");
            if (heapAt[e] >= 0) throw new IllegalStateException("id " + id + " is queued to expire twice");
            expire(e, at);
        }
        if (queued != size) throw new IllegalStateException((size - queued) + " remembered ids have no expiry");
    }

    private int insert(String id, int h, Instant time) {
        int e = freeCount > 0 ? free[--freeCount] : used++;
        if (e >= ids.length) grow();
        ids[e] = id;
        hash[e] = h;
        seconds[e] = time.getEpochSecond();
        nanos[e] = time.getNano();
        heapAt[e] = -1;
        size++;
        if (size * 2 > index.length) rehash(index.length * 2); // places e with the rest
        else place(e);
        return e;
    }

    private void expire(int e, Instant at) {
        expirySeconds[e] = at.getEpochSecond();
        expiryNanos[e] = at.getNano();
        if (queued == heap.length) heap = Arrays.copyOf(heap, Math.max(16, queued * 2));
        heap[queued] = e;
        heapAt[e] = queued++;
        siftUp(heapAt[e]);
    }

    private void release(int e) {
        unplace(e);
        ids[e] = null;
        if (freeCount == free.length) free = Arrays.copyOf(free, Math.max(16, freeCount * 2));
        free[freeCount++] = e;
        size--;
    }

    private void grow() {
        int n = Math.max(16, ids.length * 2);
        ids = Arrays.copyOf(ids, n);
        hash = Arrays.copyOf(hash, n);
        seconds = Arrays.copyOf(seconds, n);
        nanos = Arrays.copyOf(nanos, n);
        expirySeconds = Arrays.copyOf(expirySeconds, n);
        expiryNanos = Arrays.copyOf(expiryNanos, n);
        heapAt = Arrays.copyOf(heapAt, n);
    }

    // --- the index: linear probing, deletion by shifting back the entries that probed past the gap

    /** A seeded hash of the id's chars, mixed at every char: ids that collide under one seed are spread under another. */
    private int hash(String id) {
        long h = seed;
        for (int i = 0, n = id.length(); i < n; i++) {
            h = (h ^ id.charAt(i)) * 0x9E3779B97F4A7C15L;
            h ^= h >>> 32;
        }
        return (int) (h ^ (h >>> 29));
    }

    private int find(String id) {
        return find(id, hash(id));
    }

    private int find(String id, int h) {
        int mask = index.length - 1;
        for (int i = h & mask; ; i = (i + 1) & mask) {
            int t = index[i];
            if (t == 0) return -1;
            if (hash[t - 1] == h && ids[t - 1].equals(id)) return t - 1;
        }
    }

    private void place(int e) {
        int mask = index.length - 1;
        int i = hash[e] & mask;
        while (index[i] != 0) i = (i + 1) & mask;
        index[i] = e + 1;
    }

    private void unplace(int e) {
        int mask = index.length - 1;
        int gap = hash[e] & mask;
        while (index[gap] != e + 1) gap = (gap + 1) & mask;
        for (int i = (gap + 1) & mask; index[i] != 0; i = (i + 1) & mask) {
            int home = hash[index[i] - 1] & mask;
            // the entry at i may move back to the gap unless its home lies cyclically in (gap, i]
            boolean homeAfterGap = gap <= i ? home > gap && home <= i : home > gap || home <= i;
            if (!homeAfterGap) {
                index[gap] = index[i];
                gap = i;
            }
        }
        index[gap] = 0;
    }

    private void rehash(int capacity) {
        index = new int[capacity];
        for (int e = 0; e < used; e++) if (ids[e] != null) place(e);
    }

    // --- the heap: entries by expiry, then id

    private int compareExpiry(int a, int b) {
        int c = Long.compare(expirySeconds[a], expirySeconds[b]);
        if (c == 0) c = Integer.compare(expiryNanos[a], expiryNanos[b]);
        return c != 0 ? c : ids[a].compareTo(ids[b]);
    }

    private void removeFromHeap(int at) {
        int e = heap[at];
        int last = heap[--queued];
        heapAt[e] = -1;
        if (at == queued) return;
        heap[at] = last;
        heapAt[last] = at;
        siftDown(at);
        siftUp(heapAt[last]);
    }

    private void siftUp(int at) {
        int e = heap[at];
        while (at > 0) {
            int parent = (at - 1) >>> 1;
            if (compareExpiry(heap[parent], e) <= 0) break;
            move(heap[parent], at);
            at = parent;
        }
        move(e, at);
    }

    private void siftDown(int at) {
        int e = heap[at];
        while (true) {
            int child = 2 * at + 1;
            if (child >= queued) break;
            if (child + 1 < queued && compareExpiry(heap[child + 1], heap[child]) < 0) child++;
            if (compareExpiry(e, heap[child]) <= 0) break;
            move(heap[child], at);
            at = child;
        }
        move(e, at);
    }

    private void move(int e, int at) {
        heap[at] = e;
        heapAt[e] = at;
    }

    // --- writing in order

    private int[] entries() {
        int[] out = new int[size];
        int n = 0;
        for (int e = 0; e < used; e++) if (ids[e] != null) out[n++] = e;
        return out;
    }

    private interface EntryOrder {
        int compare(int a, int b);
    }

    /** A merge sort of entry numbers: stable, and no boxing of millions of them. */
    private static void sort(int[] a, EntryOrder order) {
        int[] from = a;
        int[] to = new int[a.length];
        for (int width = 1; width < a.length; width *= 2) {
            for (int lo = 0; lo < a.length; lo += 2 * width) {
                int mid = Math.min(lo + width, a.length);
                int hi = Math.min(lo + 2 * width, a.length);
                int i = lo;
                int j = mid;
                for (int k = lo; k < hi; k++) to[k] = j >= hi || i < mid && order.compare(from[i], from[j]) <= 0 ? from[i++] : from[j++];
            }
            int[] t = from;
            from = to;
            to = t;
        }
        if (from != a) System.arraycopy(from, 0, a, 0, a.length);
    }
}
