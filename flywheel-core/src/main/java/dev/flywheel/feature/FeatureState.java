package dev.flywheel.feature;

import dev.flywheel.state.StateReader;
import dev.flywheel.state.StateWriter;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.function.Supplier;

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
        new TreeMap<>(m).forEach((k, v) -> {
            out.putString(k).putBoolean(touched.contains(v));
            write.accept(v, out);
        });
    }

    /**
     * Reads what {@link #writeMap} wrote into {@code m}, states made by {@code fresh} and filled by
     * {@code read}; a flagged state joins {@code touched} under the key {@code owner} gives its map key.
     */
    static <T extends Compactable> void readMap(Map<String, T> m, Function<String, FeatureKey> owner, Touched touched,
                                                StateReader in, Supplier<T> fresh, BiConsumer<T, StateReader> read) {
        for (int i = in.count(); i > 0; i--) {
            String key = in.getString();
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
}
