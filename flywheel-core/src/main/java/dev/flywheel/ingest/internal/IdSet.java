package dev.flywheel.ingest.internal;

/**
 * The set of ids already stored, as 128-bit hashes in an open-addressing table with linear probing.
 * Not thread-safe: only the ingest writer thread touches it. Removal (used to undo a failed append)
 * shifts later entries back so that probing never needs tombstones.
 */
public final class IdSet {
    private long[] hi;
    private long[] lo;
    private int mask;
    private int size;
    private final long[] h = new long[2];

    public IdSet(int expected) {
        int cap = Integer.highestOneBit(Math.max(16, (int) Math.min(1L << 30, expected * 2L)) - 1) << 1;
        hi = new long[cap];
        lo = new long[cap];
        mask = cap - 1;
    }

    public int size() {
        return size;
    }

    /** Adds the id; returns false when it was already present. */
    public boolean add(String id) {
        hashOf(id);
        return insert(h[0], h[1]);
    }

    public boolean contains(String id) {
        hashOf(id);
        return find(h[0], h[1]) >= 0;
    }

    public boolean remove(String id) {
        hashOf(id);
        int slot = find(h[0], h[1]);
        if (slot < 0) return false;
        deleteAt(slot);
        return true;
    }

    private void hashOf(String id) {
        IdHash.hash(id, h);
        if (h[0] == 0 && h[1] == 0) h[1] = 1; // (0, 0) marks an empty slot
    }

    private boolean insert(long a, long b) {
        if ((size + 1) * 10L > (mask + 1) * 7L) grow();
        int i = slotOf(a);
        while (hi[i] != 0 || lo[i] != 0) {
            if (hi[i] == a && lo[i] == b) return false;
            i = (i + 1) & mask;
        }
        hi[i] = a;
        lo[i] = b;
        size++;
        return true;
    }

    private int find(long a, long b) {
        int i = slotOf(a);
        while (hi[i] != 0 || lo[i] != 0) {
            if (hi[i] == a && lo[i] == b) return i;
            i = (i + 1) & mask;
        }
        return -1;
    }

    private void deleteAt(int slot) {
        int gap = slot;
        int i = (slot + 1) & mask;
        while (hi[i] != 0 || lo[i] != 0) {
            int home = slotOf(hi[i]);
            // move i into the gap unless its home lies cyclically in (gap, i]
            boolean stays = gap <= i ? (home > gap && home <= i) : (home > gap || home <= i);
            if (!stays) {
                hi[gap] = hi[i];
                lo[gap] = lo[i];
                gap = i;
            }
            i = (i + 1) & mask;
        }
        hi[gap] = 0;
        lo[gap] = 0;
        size--;
    }

    private int slotOf(long a) {
        return (int) (a ^ (a >>> 32)) & mask;
    }

    private void grow() {
        long[] oldHi = hi;
        long[] oldLo = lo;
        hi = new long[oldHi.length * 2];
        lo = new long[oldLo.length * 2];
        mask = hi.length - 1;
        size = 0;
        for (int i = 0; i < oldHi.length; i++) {
            if (oldHi[i] != 0 || oldLo[i] != 0) insert(oldHi[i], oldLo[i]);
        }
    }
}
