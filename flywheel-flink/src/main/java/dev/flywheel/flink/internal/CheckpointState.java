package dev.flywheel.flink.internal;

import dev.flywheel.state.Checkpoint;
import dev.flywheel.state.IncrementalState;
import dev.flywheel.state.OperatorState;
import dev.flywheel.state.StateBytes;
import dev.flywheel.state.StateReader;
import dev.flywheel.state.StateWriter;
import dev.flywheel.state.Stateless;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.state.OperatorStateStore;
import org.apache.flink.api.common.typeinfo.PrimitiveArrayTypeInfo;

/**
 * The topology's checkpoint in Flink's operator state: a header (format, seq, time, the operators'
 * names) and each operator's bytes in a list state of its own, as the operator wrote them, so a
 * checkpoint of hundreds of megabytes is not copied once more into one array.
 *
 * <p>An {@link IncrementalState} operator's list is a base (its whole state) followed by change sets,
 * one per checkpoint since the base: a checkpoint builds only what changed on the task thread, and
 * Flink copies and writes the parts already built (asynchronously). Once the change sets add up to
 * a multiple of the base ({@code flink.checkpoint_rebase}), the next checkpoint writes a new base instead and drops them, which
 * bounds what a restore reads and what each checkpoint stores. Every part starts with its place in
 * the list (0: the base), so a restore does not depend on the order the list state keeps. A checkpoint
 * that fails after its change set was taken loses nothing: the list, change set included, is what the
 * next checkpoint writes.
 */
final class CheckpointState {
    private static final String HEADER = "topology";
    private static final String PREFIX = "topology:";
    /** Not a topology state: the log topic's offsets applied, per partition (the operator's own). */
    private static final String OFFSETS = "applied-offsets";
    /** 3: parts numbered, incremental operators as a base and change sets. */
    private static final int VERSION = 3;
    private final OperatorStateStore store;
    /** A new base once the change sets after it reach this multiple of its size (0: always). */
    private final double rebaseShare;
    /** Per incremental operator: the sizes of its base and change sets in the list state. */
    private final Map<String, Kept> kept = new HashMap<>();
    /** Per operator, the bytes of the last whole state written (with change sets tracked or not). */
    private final Map<String, Long> baseSizes = new HashMap<>();
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

    CheckpointState(OperatorStateStore store, double rebaseShare) {
        this.store = store;
        this.rebaseShare = rebaseShare;
    }

    /** Starts recording the incremental operators' changes; after {@link #load} and the restore, before any entry. */
    void track(List<?> holders) {
        for (Object op : holders) if (op instanceof IncrementalState s) s.trackChanges();
        tracking = true;
    }

    /** The state of {@code holders} after entry {@code seq}; call it between entries, after a flush. */
    void save(long seq, Instant takenAt, List<?> holders) throws Exception {
        List<OperatorState> ops = new ArrayList<>();
        for (Object op : holders) {
            if (op instanceof Stateless) continue;
            if (!(op instanceof OperatorState s)) throw new IllegalStateException(op.getClass().getSimpleName() + " cannot be checkpointed");
            ops.add(s);
        }
        TreeSet<String> names = new TreeSet<>();
        ops.forEach(s -> names.add(s.stateName()));
        StateWriter h = new StateWriter();
        h.putInt(VERSION).putLong(seq).putInstant(takenAt).putStrings(names);
        list(HEADER).update(List.of(h.toByteArray()));
        for (OperatorState s : ops) save(s);
    }

    private void save(OperatorState s) throws Exception {
        ListState<byte[]> list = list(PREFIX + s.stateName());
        Kept k = kept.get(s.stateName());
        if (tracking && s instanceof IncrementalState inc && k != null && k.changes < rebaseShare * k.base) {
            StateWriter w = new StateWriter(sizeHint(k.lastPart)).putInt(k.parts);
            inc.writeChanges(w);
            byte[] part = w.toByteArray();
            list.add(part);
            k.lastPart = part.length;
            k.changes += part.length;
            k.parts++;
            return;
        }
        StateWriter w = new StateWriter(sizeHint(baseSizes.getOrDefault(s.stateName(), 0L))).putInt(0);
        s.writeState(w);
        byte[] base = w.toByteArray();
        baseSizes.put(s.stateName(), (long) base.length);
        if (tracking && s instanceof IncrementalState inc) {
            inc.dropChanges();
            kept.put(s.stateName(), new Kept(base.length));
        }
        list.update(List.of(base));
    }

    /** The highest offset applied per partition of the log topic, kept beside the topology's state. */
    void saveOffsets(Map<Integer, Long> offsets) throws Exception {
        StateWriter w = new StateWriter().putInt(offsets.size());
        offsets.forEach((p, o) -> w.putInt(p).putLong(o));
        list(OFFSETS).update(List.of(w.toByteArray()));
    }

    /** The offsets the store was restored with; none from a state written before they were kept. */
    Map<Integer, Long> loadOffsets() throws Exception {
        Map<Integer, Long> out = new TreeMap<>();
        for (byte[] b : list(OFFSETS).get()) {
            StateReader r = new StateReader(b);
            for (int n = r.count(); n > 0; n--) out.put(r.getInt(), r.getLong());
        }
        return out;
    }

    /** The checkpoint the store was restored with: each operator's base, and the change sets after it. */
    Checkpoint load() throws Exception {
        StateReader h = new StateReader(only(HEADER));
        h.expectVersion("topology checkpoint", VERSION);
        long seq = h.getLong();
        Instant takenAt = h.getInstant();
        Map<String, StateBytes> bases = new TreeMap<>();
        Map<String, List<StateBytes>> changes = new TreeMap<>();
        for (String name : h.getStrings()) {
            List<byte[]> parts = numbered(PREFIX + name);
            bases.put(name, StateBytes.of(parts.get(0), 4, parts.get(0).length - 4));
            List<StateBytes> sets = new ArrayList<>();
            for (byte[] p : parts.subList(1, parts.size())) sets.add(StateBytes.of(p, 4, p.length - 4));
            if (!sets.isEmpty()) changes.put(name, sets);
            Kept k = new Kept(parts.get(0).length);
            parts.subList(1, parts.size()).forEach(p -> k.changes += p.length);
            k.parts = parts.size();
            kept.put(name, k);
        }
        return Checkpoint.withChanges(seq, takenAt, bases, changes);
    }

    /** A state's parts in their order, refusing a list that is not 0, 1, … n-1. */
    private List<byte[]> numbered(String name) throws Exception {
        List<byte[]> parts = new ArrayList<>();
        list(name).get().forEach(parts::add);
        parts.sort(Comparator.comparingInt(CheckpointState::place));
        for (int i = 0; i < parts.size(); i++) {
            if (place(parts.get(i)) != i) throw new IllegalStateException("the topology's state " + name + " has no part " + i);
        }
        if (parts.isEmpty()) throw new IllegalStateException("the topology's state " + name + " holds no part");
        return parts;
    }

    private static int place(byte[] part) {
        return new StateReader(part, 0, 4).getInt();
    }

    private byte[] only(String name) throws Exception {
        List<byte[]> parts = new ArrayList<>();
        list(name).get().forEach(parts::add);
        if (parts.size() != 1) throw new IllegalStateException("the topology's state " + name + " holds " + parts.size() + " parts, not 1");
        return parts.get(0);
    }

    private ListState<byte[]> list(String name) throws Exception {
        return store.getListState(new ListStateDescriptor<>(name, PrimitiveArrayTypeInfo.BYTE_PRIMITIVE_ARRAY_TYPE_INFO));
    }
}
