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
     * Hands the snapshot's event hashes to {@code events} and its decision hashes to
     * {@code decisions}, a chunk at a time (straight into a dedupe set, with no copy of the whole),
     * and returns the seq it covers; empty when there is none or it does not read back intact, in
     * which case the sinks may have been handed part of it.
     */
    OptionalLong load(Hashes events, Hashes decisions);

    /** Receives {@code n} longs of {@code pairs} from {@code from}: hashes as {@link IdSet#hashes} gives them. */
    @FunctionalInterface
    interface Hashes {
        void accept(long[] pairs, int from, int n);
    }

    /** The snapshot as arrays, or empty: for tools and tests. */
    default Optional<IdSnapshot> latest() {
        List<long[]> events = new ArrayList<>();
        List<long[]> decisions = new ArrayList<>();
        OptionalLong seq = load((p, f, n) -> events.add(java.util.Arrays.copyOfRange(p, f, f + n)),
                (p, f, n) -> decisions.add(java.util.Arrays.copyOfRange(p, f, f + n)));
        return seq.isEmpty() ? Optional.empty() : Optional.of(new IdSnapshot(seq.getAsLong(), concat(events), concat(decisions)));
    }

    private static long[] concat(List<long[]> parts) {
        long[] out = new long[parts.stream().mapToInt(p -> p.length).sum()];
        int at = 0;
        for (long[] p : parts) {
            System.arraycopy(p, 0, out, at, p.length);
            at += p.length;
        }
        return out;
    }
}
