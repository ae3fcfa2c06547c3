package dev.flywheel.ingest;

import dev.flywheel.ingest.internal.IdHash;
import java.security.SecureRandom;

/**
 * The set of ids already stored, as 128-bit hashes in an open-addressing table with linear probing.
 * The hashes are keyed ({@link IdHash}) with a key drawn at random for each new set and kept with
 * its hashes ({@link #snapshot}), so no client can choose two ids the set takes for one.
 * Both halves of a hash sit side by side in one array and the table stays at most half full: a
 * probe then costs one cache miss, which is what dominated the writer thread's profile.
 * Not thread-safe: only the ingest writer thread touches it. Removal (used to undo a failed append)
 * shifts later entries back so that probing never needs tombstones.
 */
public final class IdSet {
    private static final SecureRandom KEYS = new SecureRandom();
    private long[] slots; // slot i holds hash halves at 2i and 2i+1
    private int mask;
    private int size;
    private final long[] h = new long[2];
    private long key0;
    private long key1;

    /** An empty set for about {@code expected} ids, under a new random key. */
    public IdSet(int expected) {
        key0 = KEYS.nextLong();
        key1 = KEYS.nextLong();
        int cap = Integer.highestOneBit(Math.max(16, (int) Math.min(1L << 29, expected * 2L)) - 1) << 1;
        slots = new long[cap * 2];
        mask = cap - 1;
    }

    public int size() {
        return size;
    }

    /**
     * Hashes from now on under the key a snapshot's hashes were made with, before they are added
     * ({@link #addHashes}); refused once the set holds any.
     */
    public void useKey(long key0, long key1) {
        if (size > 0) throw new IllegalStateException("the key of a set that holds hashes cannot change");
        this.key0 = key0;
        this.key1 = key1;
    }

    /** The hashes held and the key they were made with, for a snapshot the next start restores from. */
    public IdSnapshot.HashedIds snapshot() {
        return new IdSnapshot.HashedIds(key0, key1, hashes());
    }

    /** Adds the id; returns false when it was already present. */
    public boolean add(String id) {
        hashOf(id);
        return insert(h[0], h[1]);
    }

    /**
     * The hashes held, both halves of each side by side, in table order: added in that order to a
     * table of the same size ({@link #addHashes}), they land in nearly ascending slots, one sequential
     * pass instead of a cache miss per id.
     */
    public long[] hashes() {
        long[] out = new long[size * 2];
        int k = 0;
        for (int i = 0; i <= mask; i++) {
            if (empty(i)) continue;
            out[k++] = slots[2 * i];
            out[k++] = slots[2 * i + 1];
        }
        return out;
    }

    /** Adds hashes as {@link #hashes} returns them; returns how many were not held yet. */
    public int addHashes(long[] pairs) {
        return addHashes(pairs, 0, pairs.length);
    }

    /** Adds the {@code n} longs (pairs of halves) of {@code pairs} from {@code from}. */
    public int addHashes(long[] pairs, int from, int n) {
        if (n % 2 != 0) throw new IllegalArgumentException("hashes come in pairs");
        int added = 0;
        for (int i = from; i < from + n; i += 2) {
            if (pairs[i] == 0 && pairs[i + 1] == 0) throw new IllegalArgumentException("(0, 0) is not a hash this set holds");
            if (insert(pairs[i], pairs[i + 1])) added++;
        }
        return added;
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
        IdHash.hash(id, key0, key1, h);
        if (h[0] == 0 && h[1] == 0) h[1] = 1; // (0, 0) marks an empty slot
    }

    private boolean empty(int i) {
        return slots[2 * i] == 0 && slots[2 * i + 1] == 0;
    }

    private boolean insert(long a, long b) {
        if ((size + 1) * 2L > mask + 1L) grow();
        int i = slotOf(a);
        while (!empty(i)) {
            if (slots[2 * i] == a && slots[2 * i + 1] == b) return false;
            i = (i + 1) & mask;
        }
        slots[2 * i] = a;
        slots[2 * i + 1] = b;
        size++;
        return true;
    }

    private int find(long a, long b) {
        int i = slotOf(a);
        while (!empty(i)) {
            if (slots[2 * i] == a && slots[2 * i + 1] == b) return i;
            i = (i + 1) & mask;
        }
        return -1;
    }

    private void deleteAt(int slot) {
        int gap = slot;
        int i = (slot + 1) & mask;
        while (!empty(i)) {
            int home = slotOf(slots[2 * i]);
            // move i into the gap unless its home lies cyclically in (gap, i]
            boolean stays = gap <= i ? (home > gap && home <= i) : (home > gap || home <= i);
            if (!stays) {
                slots[2 * gap] = slots[2 * i];
                slots[2 * gap + 1] = slots[2 * i + 1];
                gap = i;
            }
            i = (i + 1) & mask;
        }
        slots[2 * gap] = 0;
        slots[2 * gap + 1] = 0;
        size--;
    }

    private int slotOf(long a) {
        return (int) (a ^ (a >>> 32)) & mask;
    }

    private void grow() {
        long[] old = slots;
        slots = new long[old.length * 2];
        mask = (slots.length / 2) - 1;
        size = 0;
        for (int i = 0; i < old.length; i += 2) {
            if (old[i] != 0 || old[i + 1] != 0) insert(old[i], old[i + 1]);
        }
    }
}
