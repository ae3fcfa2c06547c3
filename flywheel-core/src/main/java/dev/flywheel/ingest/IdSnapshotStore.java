package dev.flywheel.ingest;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Where the ingest pipeline leaves the ids it has stored when it closes, so the next start reads the
 * log written after them instead of every stored id (at ten million events that read was most of a
 * start). Only a shortcut: a snapshot that is missing, unreadable, or does not add up with the store
 * is ignored, and the ids are read from the store as before.
 */
public interface IdSnapshotStore {
    /** Replaces the snapshot atomically: after a crash the old one or the new one is there, whole. */
    void save(IdSnapshot snapshot);

    /**
     * Hands the snapshot's event key and hashes to {@code events} and its decision key and hashes to
     * {@code decisions}, each key before its hashes and the hashes a chunk at a time (straight into
     * a dedupe set, with no copy of the whole),
     * and returns the seq it covers; empty when there is none or it does not read back intact, in
     * which case the sinks may have been handed part of it.
     */
    OptionalLong load(Hashes events, Hashes decisions);

    /** Receives one set's key, then its hashes as {@link IdSet#hashes} gives them, a chunk at a time. */
    interface Hashes {
        /** The key the hashes were made with; before any of them. */
        void key(long key0, long key1);

        /** Receives {@code n} longs of {@code pairs} from {@code from}. */
        void accept(long[] pairs, int from, int n);

        /** Hashes received into {@code set}, which takes their key. */
        static Hashes into(IdSet set) {
            return new Hashes() {
                @Override
                public void key(long key0, long key1) {
                    set.useKey(key0, key1);
                }

                @Override
                public void accept(long[] pairs, int from, int n) {
                    set.addHashes(pairs, from, n);
                }
            };
        }
    }

    /** The snapshot as arrays, or empty: for tools and tests. */
    default Optional<IdSnapshot> latest() {
        Gathered events = new Gathered();
        Gathered decisions = new Gathered();
        OptionalLong seq = load(events, decisions);
        return seq.isEmpty() ? Optional.empty() : Optional.of(new IdSnapshot(seq.getAsLong(), events.ids(), decisions.ids()));
    }

    /** One set's key and hashes as received, whole. */
    final class Gathered implements Hashes {
        private final List<long[]> parts = new ArrayList<>();
        private long key0;
        private long key1;

        @Override
        public void key(long key0, long key1) {
            this.key0 = key0;
            this.key1 = key1;
        }

        @Override
        public void accept(long[] pairs, int from, int n) {
            parts.add(java.util.Arrays.copyOfRange(pairs, from, from + n));
        }

        IdSnapshot.HashedIds ids() {
            long[] out = new long[parts.stream().mapToInt(p -> p.length).sum()];
            int at = 0;
            for (long[] p : parts) {
                System.arraycopy(p, 0, out, at, p.length);
                at += p.length;
            }
            return new IdSnapshot.HashedIds(key0, key1, out);
        }
    }
}
