package dev.flywheel.feature;

import dev.flywheel.state.StateReader;
import dev.flywheel.state.StateWriter;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * The maps of feedback state in a checkpoint, in key order, each state with whether compaction
 * still has to visit it (the facade's touched set is by identity, so it is kept as a flag per state).
 */
final class FeatureState {
    private FeatureState() { }

    /** Writes {@code m}'s states in key order, each with its touched flag, using {@code write}. */
    static <T extends Compactable> void writeMap(Map<String, T> m, Touched touched, StateWriter out,
                                                 BiConsumer<T, StateWriter> write) {
        out.putInt(m.size());
        for (String k : dev.flywheel.state.SortedKeys.of(m)) {
            T v = m.get(k);
            out.putString(k).putBoolean(touched.contains(v));
            write.accept(v, out);
        }
    }

    /**
     * Reads what {@link #writeMap} wrote into {@code m}, states made by {@code fresh} and filled by
     * {@code read}; a flagged state joins {@code touched} under the key {@code owner} gives its map key.
     */
    static <T extends Compactable> void readMap(Map<String, T> m, Function<String, FeatureKey> owner, Touched touched,
                                                StateReader in, Supplier<T> fresh, BiConsumer<T, StateReader> read) {
        readMap(m, UnaryOperator.identity(), owner, touched, in, fresh, read);
    }

    /** As above, each key read replaced by {@code keys}' instance of it. */
    static <T extends Compactable> void readMap(Map<String, T> m, UnaryOperator<String> keys,
                                                Function<String, FeatureKey> owner, Touched touched,
                                                StateReader in, Supplier<T> fresh, BiConsumer<T, StateReader> read) {
        for (int i = in.count(); i > 0; i--) {
            String key = keys.apply(in.getString());
            T state = fresh.get();
            if (in.getBoolean()) touched.add(state, owner.apply(key));
            read.accept(state, in);
            m.put(key, state);
        }
    }

    static void writeTouched(Compactable c, Touched touched, StateWriter out) {
        out.putBoolean(touched.contains(c));
    }

    static void readTouched(Compactable c, FeatureKey owner, Touched touched, StateReader in) {
        if (in.getBoolean()) touched.add(c, owner);
    }

    /**
     * One item's entries of the counts and values maps, for a change set: which of the two it has
     * (none: removed), then each with its touched flag as {@link #writeMap} writes it.
     */
    static void writeItem(String item, ItemFeedback counts, ItemValue value, Touched touched, StateWriter out) {
        out.putString(item).putByte((counts != null ? 1 : 0) | (value != null ? 2 : 0));
        if (counts != null) {
            writeTouched(counts, touched, out);
            counts.writeState(out);
        }
        if (value != null) {
            writeTouched(value, touched, out);
            value.writeState(out);
        }
    }

    /** Replaces the item's entries with what {@link #writeItem} wrote; the replaced states leave {@code touched}. */
    static void readItem(Map<String, ItemFeedback> counts, Map<String, ItemValue> values, java.time.Duration halfLife,
                         Touched touched, StateReader in) {
        String item = in.getString();
        int parts = in.getByte();
        if (parts > 3) throw new IllegalStateException("not an item's change: parts " + parts);
        ItemFeedback oldCounts = counts.remove(item);
        if (oldCounts != null) touched.remove(oldCounts);
        ItemValue oldValue = values.remove(item);
        if (oldValue != null) touched.remove(oldValue);
        if ((parts & 1) != 0) {
            ItemFeedback c = new ItemFeedback(halfLife);
            readTouched(c, FeatureKey.item(item), touched, in);
            c.readState(in);
            counts.put(item, c);
        }
        if ((parts & 2) != 0) {
            ItemValue v = new ItemValue(halfLife);
            readTouched(v, FeatureKey.item(item), touched, in);
            v.readState(in);
            values.put(item, v);
        }
    }
}
