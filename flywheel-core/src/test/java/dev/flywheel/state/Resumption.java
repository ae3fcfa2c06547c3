package dev.flywheel.state;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import dev.flywheel.log.LogConsumer;
import dev.flywheel.log.LogEntry;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Supplier;

/**
 * The checkpoint contract for one operator: an operator restored from a checkpoint after the first
 * {@code cut} entries and fed the rest ends in the same state, byte for byte, as one fed everything;
 * and reading a state then writing it again gives the same bytes.
 */
public final class Resumption {
    private Resumption() { }

    public static <T extends LogConsumer & OperatorState> void assertResumesExactly(Supplier<T> fresh, List<LogEntry> entries,
                                                                                   int cut) {
        T straight = fresh.get();
        feed(straight, entries);
        T before = fresh.get();
        feed(before, entries.subList(0, cut));
        byte[] atCut = bytes(before);
        T resumed = fresh.get();
        resumed.readState(new StateReader(atCut));
        assertArrayEquals(atCut, bytes(resumed), resumed.stateName() + ": a restored state writes the bytes it was read from");
        feed(resumed, entries.subList(cut, entries.size()));
        assertArrayEquals(bytes(straight), bytes(resumed),
                resumed.stateName() + ": resumed at entry " + cut + " of " + entries.size() + " it ends elsewhere than a straight run");
    }

    /**
     * The contract of change sets: an operator recording its changes writes a base at {@code cuts[0]}
     * and a change set at each later cut; at every cut, a fresh operator that reads the base and the
     * change sets so far writes, byte for byte, the whole state of the one that wrote them, and the
     * last one, fed the rest, ends where the operator that never stopped does. {@code atCut} runs on
     * the writing operator at each cut before it writes (removals, another consumer's drain).
     *
     * @return the sizes of the base and of each change set, in bytes
     */
    public static <T extends LogConsumer & IncrementalState> List<Integer> assertChangeSetsRestoreExactly(
            Supplier<T> fresh, List<LogEntry> entries, int[] cuts, BiConsumer<T, Integer> atCut) {
        T straight = fresh.get();
        straight.trackChanges();
        List<byte[]> parts = new ArrayList<>();
        int at = 0;
        for (int i = 0; i < cuts.length; i++) {
            feed(straight, entries.subList(at, cuts[i]));
            at = cuts[i];
            atCut.accept(straight, i);
            if (i == 0) {
                parts.add(bytes(straight));
                straight.dropChanges();
            } else {
                parts.add(changes(straight));
            }
            assertArrayEquals(bytes(straight), bytes(restored(fresh, parts)),
                    straight.stateName() + ": the base and " + i + " change sets, restored, at entry " + at);
        }
        T resumed = restored(fresh, parts);
        resumed.trackChanges();
        feed(straight, entries.subList(at, entries.size()));
        feed(resumed, entries.subList(at, entries.size()));
        assertArrayEquals(bytes(straight), bytes(resumed), straight.stateName() + ": resumed from change sets at entry " + at);
        return parts.stream().map(b -> b.length).toList();
    }

    /** A fresh operator that has read a base and the change sets after it. */
    public static <T extends IncrementalState> T restored(Supplier<T> fresh, List<byte[]> parts) {
        T op = fresh.get();
        StateReader base = new StateReader(parts.get(0));
        op.readState(base);
        if (!base.atEnd()) throw new AssertionError(op.stateName() + ": bytes left over in the base");
        for (byte[] set : parts.subList(1, parts.size())) {
            StateReader r = new StateReader(set);
            op.readChanges(r);
            if (!r.atEnd()) throw new AssertionError(op.stateName() + ": bytes left over in a change set");
        }
        return op;
    }

    public static byte[] changes(IncrementalState op) {
        StateWriter w = new StateWriter();
        op.writeChanges(w);
        return w.toByteArray();
    }

    /** Feeds entries in chunks of 7, flushing after each, as a runner does. */
    public static void feed(LogConsumer op, List<LogEntry> entries) {
        for (int i = 0; i < entries.size(); i++) {
            op.accept(entries.get(i));
            if (i % 7 == 6) op.flush();
        }
        op.flush();
    }

    public static byte[] bytes(OperatorState op) {
        StateWriter w = new StateWriter();
        op.writeState(w);
        return w.toByteArray();
    }
}
