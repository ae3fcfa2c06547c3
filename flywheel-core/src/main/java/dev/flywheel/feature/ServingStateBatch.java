package dev.flywheel.feature;

import dev.flywheel.log.LogEntry;
import dev.flywheel.state.StateReader;
import dev.flywheel.state.StateWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the Flink job publishes for servers at one drain ({@code topology.ServingState} reads it
 * back): the feature states, learner states, collaborative models, users' latest interactions and
 * users' consumed items that changed since the last drain, each as of its stream position; the catalog entries applied since, with the job's seqs; and,
 * per partition of the log topic, the highest offset whose entry was applied. A store writes it in
 * one transaction, the offsets last, so a reader that sees an offset sees every state up to it.
 *
 * @param applied       partition to offset; empty when the entries carry no offsets (not read from the log topic)
 * @param collaborative loops' collaborative models ({@code CollaborativeLearner.publish}), when retrained
 * @param histories     users' latest interactions ({@code InteractionHistory.toBytes}; empty bytes when dropped)
 * @param status        loops' learner status ({@code LoopStatus.toBytes}), when it changed
 */
public record ServingStateBatch(List<FeatureStateChange> features, List<Model> models, List<PerUser> consumed,
                                List<LogEntry.ItemEntry> items, Map<Integer, Long> applied,
                                List<Model> collaborative, List<PerUser> histories, List<Model> status) {
    private static final int VERSION = 2;

    public ServingStateBatch {
        features = List.copyOf(features);
        models = List.copyOf(models);
        consumed = List.copyOf(consumed);
        items = List.copyOf(items);
        applied = Map.copyOf(applied);
        collaborative = List.copyOf(collaborative);
        histories = List.copyOf(histories);
        status = List.copyOf(status);
    }

    /** A batch without collaborative state (a loop without collaborative models). */
    public ServingStateBatch(List<FeatureStateChange> features, List<Model> models, List<PerUser> consumed,
                             List<LogEntry.ItemEntry> items, Map<Integer, Long> applied) {
        this(features, models, consumed, items, applied, List.of(), List.of(), List.of());
    }

    /** A batch of feature states alone. */
    public static ServingStateBatch ofFeatures(List<FeatureStateChange> features) {
        return new ServingStateBatch(features, List.of(), List.of(), List.of(), Map.of());
    }

    public boolean isEmpty() {
        return features.isEmpty() && featuresOnly();
    }

    /** Whether the batch holds nothing but feature states (a store of feature states alone can keep it). */
    public boolean featuresOnly() {
        return models.isEmpty() && consumed.isEmpty() && items.isEmpty() && applied.isEmpty()
                && collaborative.isEmpty() && histories.isEmpty() && status.isEmpty();
    }

    /** A loop's learner state ({@code LoopModel.state()}), its collaborative models or its status, as of a stream position. */
    public record Model(String loop, long seq, boolean afterIdle, byte[] bytes) {
        public Model {
            if (loop == null || bytes == null) throw new IllegalArgumentException("loop and bytes are required");
        }
    }

    /**
     * A user's state in a loop as of a stream position: all they consumed ({@link ConsumedItems#decode}
     * reads it) or their latest interactions ({@code InteractionHistory.fromBytes}; empty bytes when
     * they were dropped).
     */
    public record PerUser(String loop, String user, long seq, boolean afterIdle, byte[] bytes) {
        public PerUser {
            if (loop == null || user == null || bytes == null) throw new IllegalArgumentException("loop, user and bytes are required");
        }
    }

    /** Whether position (seq, afterIdle) is after (otherSeq, otherAfterIdle): an idle counts after its entry. */
    public static boolean newer(long seq, boolean afterIdle, long otherSeq, boolean otherAfterIdle) {
        return seq != otherSeq ? seq > otherSeq : afterIdle && !otherAfterIdle;
    }

    /**
     * The batch as one byte array, for a stream that carries it as one record; written into one buffer
     * sized for it (a drain's batch holds every changed key's state: growing and copying it cost as
     * much as encoding the states).
     */
    public byte[] toBytes() {
        StateWriter out = new StateWriter(sizeHint()).putInt(VERSION);
        int nested = out.startNested();
        FeatureStateChange.writeAll(features, out);
        out.endNested(nested);
        putModels(out, models);
        putModels(out, collaborative);
        putModels(out, status);
        putPerUser(out, histories);
        putPerUser(out, consumed);
        out.putInt(items.size());
        for (LogEntry.ItemEntry i : items) out.putEntry(i);
        out.putInt(applied.size());
        new TreeMap<>(applied).forEach((p, o) -> out.putInt(p).putLong(o));
        return out.toByteArray();
    }

    /** About the bytes {@link #toBytes} writes; entries are guessed at, the states counted exactly. */
    private int sizeHint() {
        long n = 64 + FeatureStateChange.sizeHint(features);
        for (List<Model> ms : List.of(models, collaborative, status)) {
            for (Model m : ms) n += 32L + m.loop.length() + m.bytes.length;
        }
        for (List<PerUser> us : List.of(histories, consumed)) {
            for (PerUser u : us) n += 32L + u.loop.length() + u.user.length() + u.bytes.length;
        }
        n += 256L * items.size() + 12L * applied.size();
        return (int) Math.min(n, Integer.MAX_VALUE - 16);
    }

    public static ServingStateBatch fromBytes(byte[] bytes) {
        StateReader in = new StateReader(bytes);
        in.expectVersion("serving state batch", VERSION);
        List<FeatureStateChange> features = FeatureStateChange.readAll(in.getBytes());
        List<Model> models = models(in);
        List<Model> collaborative = models(in);
        List<Model> status = models(in);
        List<PerUser> histories = perUser(in);
        List<PerUser> consumed = perUser(in);
        List<LogEntry.ItemEntry> items = new ArrayList<>();
        for (int n = in.count(); n > 0; n--) items.add((LogEntry.ItemEntry) in.getEntry());
        Map<Integer, Long> applied = new TreeMap<>();
        for (int n = in.count(); n > 0; n--) applied.put(in.getInt(), in.getLong());
        if (!in.atEnd()) throw new IllegalStateException("a serving state batch has bytes left over");
        return new ServingStateBatch(features, models, consumed, items, applied, collaborative, histories, status);
    }

    private static void putModels(StateWriter out, List<Model> models) {
        out.putInt(models.size());
        for (Model m : models) out.putString(m.loop).putLong(m.seq).putBoolean(m.afterIdle).putBytes(m.bytes);
    }

    private static void putPerUser(StateWriter out, List<PerUser> rows) {
        out.putInt(rows.size());
        for (PerUser u : rows) out.putString(u.loop).putString(u.user).putLong(u.seq).putBoolean(u.afterIdle).putBytes(u.bytes);
    }

    private static List<PerUser> perUser(StateReader in) {
        List<PerUser> rows = new ArrayList<>();
        for (int n = in.count(); n > 0; n--) rows.add(new PerUser(in.getString(), in.getString(), in.getLong(), in.getBoolean(), in.getBytes()));
        return rows;
    }

    private static List<Model> models(StateReader in) {
        List<Model> models = new ArrayList<>();
        for (int n = in.count(); n > 0; n--) models.add(new Model(in.getString(), in.getLong(), in.getBoolean(), in.getBytes()));
        return models;
    }
}
