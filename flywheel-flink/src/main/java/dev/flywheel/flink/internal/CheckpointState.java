package dev.flywheel.flink.internal;

import dev.flywheel.state.Checkpoint;
import dev.flywheel.state.IncrementalState;
import dev.flywheel.state.OperatorState;
import dev.flywheel.state.StateBytes;
import dev.flywheel.state.StateReader;
import dev.flywheel.state.StateWriter;
import dev.flywheel.state.Stateless;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.flink.runtime.state.OperatorStateCheckpointOutputStream;
import org.apache.flink.runtime.state.StatePartitionStreamProvider;

/**
 * The topology's checkpoint as Flink raw operator state: a header (format, seq, time, the operators'
 * names), the log topic's offsets applied, and each operator's bytes as the operator wrote them,
 * written by the task thread straight into the checkpoint's stream at {@link #write}.
 *
 * <p>Not Flink's operator list state: its asynchronous writer (Flink 2.2.1) hands every byte of a
 * list element to the file stream one call at a time ({@code CompressibleFSDataOutputStream} does
 * not override the array write), a tenth of the job's CPU for a state of a hundred megabytes, and
 * its snapshot copied every element first (docs/performance.md).
 *
 * <p>An {@link IncrementalState} operator's parts are a base (its whole state) followed by change sets,
 * one per checkpoint since the base: a checkpoint builds only what changed, and writes the parts
 * already built again. Once the change sets add up to a multiple of the base
 * ({@code flink.checkpoint_rebase}), the next checkpoint writes a new base instead and drops them,
 * which bounds what a restore reads and what each checkpoint stores. A checkpoint that fails after
 * its change set was taken loses nothing: the parts, that change set included, are what the next
 * checkpoint writes.
 */
final class CheckpointState {
    /** 4: raw operator state, the parts in their order. */
    private static final int VERSION = 4;
    /** A new base once the change sets after it reach this multiple of its size (0: always). */
    private final double rebaseShare;
    /** Per operator, in name order: its base, then its change sets. */
    private final Map<String, List<byte[]>> parts = new TreeMap<>();
    /** Per incremental operator: the sizes of its base and change sets. */
    private final Map<String, Kept> kept = new HashMap<>();
    /** Per operator, the bytes of the last whole state written (with change sets tracked or not). */
    private final Map<String, Long> baseSizes = new HashMap<>();
    private long seq;
    private Instant takenAt;
    /** Not a topology state: the log topic's offsets applied, per partition (the operator's own). */
    private Map<Integer, Long> offsets = Map.of();
    /** Whether the operators record their changes ({@link #track}); without, every checkpoint writes whole states. */
    private boolean tracking;

    /** What an incremental operator's list holds. */
    private static final class Kept {
        final long base;
        long changes;
        int parts = 1;
        /** The last change set's bytes: the next is about as large. */
        int lastPart;

        Kept(long base) {
            this.base = base;
        }
    }

    /**
     * A buffer an eighth larger than the last state of its kind: a state of 100 MB grown from 4 KB by
     * doubling was copied some 15 times on the task thread, at every checkpoint.
     */
    private static int sizeHint(long last) {
        return (int) Math.min(Math.max(1 << 12, last + last / 8), Integer.MAX_VALUE - 16);
    }

    CheckpointState(double rebaseShare) {
        this.rebaseShare = rebaseShare;
    }

    /** Starts recording the incremental operators' changes; after {@link #load} and the restore, before any entry. */
    void track(List<?> holders) {
        for (Object op : holders) if (op instanceof IncrementalState s) s.trackChanges();
        tracking = true;
    }

    /** Takes the state of {@code holders} after entry {@code seq}; call it between entries, after a flush. */
    void save(long seq, Instant takenAt, List<?> holders) {
        Map<String, OperatorState> ops = new TreeMap<>();
        for (Object op : holders) {
            if (op instanceof Stateless) continue;
            if (!(op instanceof OperatorState s)) throw new IllegalStateException(op.getClass().getSimpleName() + " cannot be checkpointed");
            ops.put(s.stateName(), s);
        }
        parts.keySet().retainAll(ops.keySet());
        ops.values().forEach(this::save);
        this.seq = seq;
        this.takenAt = takenAt;
    }

    private void save(OperatorState s) {
        Kept k = kept.get(s.stateName());
        if (tracking && s instanceof IncrementalState inc && k != null && k.changes < rebaseShare * k.base) {
            StateWriter w = new StateWriter(sizeHint(k.lastPart));
            inc.writeChanges(w);
            byte[] part = w.toByteArray();
            parts.get(s.stateName()).add(part);
            k.lastPart = part.length;
            k.changes += part.length;
            k.parts++;
            return;
        }
        StateWriter w = new StateWriter(sizeHint(baseSizes.getOrDefault(s.stateName(), 0L)));
        s.writeState(w);
        byte[] base = w.toByteArray();
        baseSizes.put(s.stateName(), (long) base.length);
        if (tracking && s instanceof IncrementalState inc) {
            inc.dropChanges();
            kept.put(s.stateName(), new Kept(base.length));
        }
        parts.put(s.stateName(), new ArrayList<>(List.of(base)));
    }

    /** The highest offset applied per partition of the log topic, kept beside the topology's state. */
    void saveOffsets(Map<Integer, Long> applied) {
        offsets = new TreeMap<>(applied);
    }

    /** Writes what {@link #save} and {@link #saveOffsets} took, as one partition of raw operator state. */
    void write(OperatorStateCheckpointOutputStream stream) throws IOException {
        stream.startNewPartition();
        DataOutputStream out = new DataOutputStream(stream);
        StateWriter h = new StateWriter().putInt(VERSION).putLong(seq).putInstant(takenAt).putStrings(parts.keySet());
        h.putInt(offsets.size());
        offsets.forEach((p, o) -> h.putInt(p).putLong(o));
        writePart(out, h.toByteArray());
        for (List<byte[]> ps : parts.values()) {
            out.writeInt(ps.size());
            for (byte[] p : ps) writePart(out, p);
        }
        out.flush();
    }

    private static void writePart(DataOutputStream out, byte[] part) throws IOException {
        out.writeInt(part.length);
        out.write(part);
    }

    /** The offsets the state was restored with; none from a state written before they were kept. */
    Map<Integer, Long> loadOffsets() {
        return offsets;
    }

    /**
     * Reads the one partition of raw operator state {@link #write} wrote: the checkpoint the job was
     * restored with, each operator's base and the change sets after it.
     */
    Checkpoint load(Iterable<StatePartitionStreamProvider> partitions) throws IOException {
        // each partition's stream is open only until the iterator moves on: read it there
        Checkpoint c = null;
        int n = 0;
        for (StatePartitionStreamProvider p : partitions) {
            if (++n == 1) c = load(new DataInputStream(p.getStream()));
        }
        if (n != 1) throw new IllegalStateException("the topology's state holds " + n + " partitions, not 1");
        return c;
    }

    private Checkpoint load(DataInputStream in) throws IOException {
        StateReader h = new StateReader(readPart(in));
        h.expectVersion("topology checkpoint", VERSION);
        seq = h.getLong();
        takenAt = h.getInstant();
        List<String> names = h.getStrings();
        Map<Integer, Long> o = new TreeMap<>();
        for (int n = h.count(); n > 0; n--) o.put(h.getInt(), h.getLong());
        offsets = o;
        return load(in, names);
    }

    private Checkpoint load(DataInputStream in, List<String> names) throws IOException {
        Map<String, StateBytes> bases = new TreeMap<>();
        Map<String, List<StateBytes>> changes = new TreeMap<>();
        for (String name : names) {
            int n = in.readInt();
            if (n < 1) throw new IllegalStateException("the topology's state " + name + " holds no part");
            List<byte[]> ps = new ArrayList<>(n);
            for (int i = 0; i < n; i++) ps.add(readPart(in));
            parts.put(name, ps);
            bases.put(name, whole(ps.get(0)));
            if (n > 1) changes.put(name, ps.subList(1, n).stream().map(CheckpointState::whole).toList());
            Kept k = new Kept(ps.get(0).length);
            ps.subList(1, n).forEach(p -> k.changes += p.length);
            k.parts = n;
            kept.put(name, k);
        }
        return Checkpoint.withChanges(seq, takenAt, bases, changes);
    }

    private static StateBytes whole(byte[] part) {
        return StateBytes.of(part, 0, part.length);
    }

    private static byte[] readPart(DataInputStream in) throws IOException {
        int length = in.readInt();
        if (length < 0) throw new IllegalStateException("the topology's state has a part of " + length + " bytes");
        byte[] b = new byte[length];
        in.readFully(b);
        return b;
    }
}
