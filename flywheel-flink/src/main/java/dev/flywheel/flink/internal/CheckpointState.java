package dev.flywheel.flink.internal;

import dev.flywheel.state.Checkpoint;
import dev.flywheel.state.StateReader;
import dev.flywheel.state.StateWriter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.state.OperatorStateStore;
import org.apache.flink.api.common.typeinfo.PrimitiveArrayTypeInfo;

/**
 * The topology's checkpoint in Flink's operator state: a header (format, seq, time, the operators'
 * names) and each operator's bytes in a list state of its own, as the operator wrote them, so a
 * checkpoint of hundreds of megabytes is not copied once more into one array.
 */
final class CheckpointState {
    private static final String HEADER = "topology";
    private static final String PREFIX = "topology:";
    /** Not a topology state: the log topic's offsets applied, per partition (the operator's own). */
    private static final String OFFSETS = "applied-offsets";
    private final OperatorStateStore store;

    CheckpointState(OperatorStateStore store) {
        this.store = store;
    }

    void save(Checkpoint c) throws Exception {
        StateWriter h = new StateWriter();
        h.putInt(2).putLong(c.seq()).putInstant(c.takenAt()).putStrings(c.states().keySet());
        list(HEADER).update(List.of(h.toByteArray()));
        for (Map.Entry<String, byte[]> s : c.states().entrySet()) list(PREFIX + s.getKey()).update(List.of(s.getValue()));
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

    /** The checkpoint the store was restored with. */
    Checkpoint load() throws Exception {
        StateReader h = new StateReader(only(HEADER));
        h.expectVersion("topology checkpoint", 2);
        long seq = h.getLong();
        Instant takenAt = h.getInstant();
        Map<String, byte[]> states = new TreeMap<>();
        for (String name : h.getStrings()) states.put(name, only(PREFIX + name));
        return new Checkpoint(seq, takenAt, states);
    }

    private byte[] only(String name) throws Exception {
        List<byte[]> kept = new ArrayList<>();
        list(name).get().forEach(kept::add);
        if (kept.size() != 1) throw new IllegalStateException("the topology's state " + name + " holds " + kept.size() + " parts, not 1");
        return kept.get(0);
    }

    private ListState<byte[]> list(String name) throws Exception {
        return store.getListState(new ListStateDescriptor<>(name, PrimitiveArrayTypeInfo.BYTE_PRIMITIVE_ARRAY_TYPE_INFO));
    }
}
