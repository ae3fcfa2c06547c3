package dev.flywheel.flink.internal;

import dev.flywheel.feature.ServedFeatures;
import dev.flywheel.log.LogEntry;
import dev.flywheel.outcome.Outcome;
import dev.flywheel.outcome.Unjoined;
import dev.flywheel.quality.Alert;
import dev.flywheel.state.Checkpoint;
import dev.flywheel.state.StateReader;
import dev.flywheel.state.StateWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The codecs of the rows the job emits, field by field in declaration order (nullable boxed numbers flagged). */
final class RowCodecs {
    private RowCodecs() { }

    static final RowCodec<Outcome> OUTCOME = new RowCodec<>() {
        @Override
        public void write(Outcome o, StateWriter out) {
            out.putString(o.decision()).putString(o.loop()).putString(o.user()).putString(o.item()).putInt(o.position());
            putNullable(o.propensity(), out);
            putNullable(o.score(), out);
            out.putString(o.model()).putString(o.arm()).putInstant(o.decidedAt()).putInt(o.candidates())
                    .putStrings(o.reactions()).putDouble(o.reward()).putBoolean(o.ignored()).putInt(o.lateCount());
        }

        @Override
        public Outcome read(StateReader in) {
            return new Outcome(in.getString(), in.getString(), in.getString(), in.getString(), in.getInt(), getNullable(in),
                    getNullable(in), in.getString(), in.getString(), in.getInstant(), in.getInt(), in.getStrings(),
                    in.getDouble(), in.getBoolean(), in.getInt());
        }
    };

    static final RowCodec<Unjoined> UNJOINED = new RowCodec<>() {
        @Override
        public void write(Unjoined u, StateWriter out) {
            out.putEntry(new LogEntry.EventEntry(0, 0, u.event())).putByte(u.reason().ordinal()).putString(u.decision());
        }

        @Override
        public Unjoined read(StateReader in) {
            var event = ((LogEntry.EventEntry) in.getEntry()).event();
            return new Unjoined(event, Unjoined.Reason.values()[in.getByte()], in.getString());
        }
    };

    static final RowCodec<ServedFeatures> SERVED_FEATURES = new RowCodec<>() {
        @Override
        public void write(ServedFeatures f, StateWriter out) {
            out.putLong(f.seq()).putString(f.decision()).putString(f.loop()).putString(f.item()).putInt(f.position())
                    .putDoubles(f.values());
        }

        @Override
        public ServedFeatures read(StateReader in) {
            return new ServedFeatures(in.getLong(), in.getString(), in.getString(), in.getString(), in.getInt(), in.getDoubles());
        }
    };

    static final RowCodec<Alert> ALERT = new RowCodec<>() {
        @Override
        public void write(Alert a, StateWriter out) {
            out.putLong(a.id()).putString(a.loop()).putString(a.monitor()).putInstant(a.windowStart()).putInstant(a.windowEnd())
                    .putString(a.statistic()).putDouble(a.value()).putDouble(a.threshold()).putString(a.detail())
                    .putStrings(a.users()).putStrings(a.items()).putLong(a.seq());
        }

        @Override
        public Alert read(StateReader in) {
            return new Alert(in.getLong(), in.getString(), in.getString(), in.getInstant(), in.getInstant(), in.getString(),
                    in.getDouble(), in.getDouble(), in.getString(), in.getStrings(), in.getStrings(), in.getLong());
        }
    };

    /** An applied entry (flag 1, in its log bytes) or a decision's served features (flag 0). */
    static final RowCodec<HistoryRow> HISTORY = new RowCodec<>() {
        @Override
        public void write(HistoryRow h, StateWriter out) {
            out.putBoolean(h.entry() != null);
            if (h.entry() != null) out.putEntry(h.entry()); else SERVED_FEATURES.write(h.served(), out);
        }

        @Override
        public HistoryRow read(StateReader in) {
            return in.getBoolean() ? HistoryRow.of(in.getEntry()) : HistoryRow.of(SERVED_FEATURES.read(in));
        }
    };

    /** A checkpoint as the operator state holds it: its position, when it was taken, each operator's bytes by name. */
    static final RowCodec<Checkpoint> CHECKPOINT = new RowCodec<>() {
        @Override
        public void write(Checkpoint c, StateWriter out) {
            out.putInt(1).putLong(c.seq()).putInstant(c.takenAt()).putInt(c.states().size());
            c.states().forEach((name, bytes) -> out.putString(name).putBytes(bytes));
        }

        @Override
        public Checkpoint read(StateReader in) {
            in.expectVersion("checkpoint", 1);
            long seq = in.getLong();
            var takenAt = in.getInstant();
            Map<String, byte[]> states = new TreeMap<>();
            for (int i = in.count(); i > 0; i--) states.put(in.getString(), in.getBytes());
            return new Checkpoint(seq, takenAt, states);
        }
    };

    /** A batch of rows of one kind: what the sink commits at a checkpoint. */
    static <T> RowCodec<List<T>> listOf(RowCodec<T> row) {
        return new RowCodec<>() {
            @Override
            public void write(List<T> rows, StateWriter out) {
                out.putInt(rows.size());
                for (T r : rows) row.write(r, out);
            }

            @Override
            public List<T> read(StateReader in) {
                int n = in.count();
                List<T> out = new ArrayList<>(n);
                for (int i = 0; i < n; i++) out.add(row.read(in));
                return out;
            }
        };
    }

    private static void putNullable(Double v, StateWriter out) {
        out.putBoolean(v != null);
        if (v != null) out.putDouble(v);
    }

    private static Double getNullable(StateReader in) {
        return in.getBoolean() ? in.getDouble() : null;
    }
}
