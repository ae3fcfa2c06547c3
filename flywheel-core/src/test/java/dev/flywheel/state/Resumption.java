package dev.flywheel.state;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import dev.flywheel.log.LogConsumer;
import dev.flywheel.log.LogEntry;
import java.util.List;
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
