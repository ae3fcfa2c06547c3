package dev.flywheel.feature;

import dev.flywheel.state.StateReader;
import dev.flywheel.state.StateWriter;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.BiConsumer;
import java.util.function.Supplier;

/**
 * The maps of feedback state in a checkpoint, in key order, each state with whether compaction
 * still has to visit it (the facade's touched set is by identity, so it is kept as a flag per state).
 */
final class FeatureState {
    private FeatureState() { }

    /** Writes {@code m}'s states in key order, each with its touched flag, using {@code write}. */
    static <T extends Compactable> void writeMap(Map<String, T> m, Set<Compactable> touched, StateWriter out,
                                                 BiConsumer<T, StateWriter> write) {
        out.putInt(m.size());
        new TreeMap<>(m).forEach((k, v) -> {
            out.putString(k).putBoolean(touched.contains(v));
            write.accept(v, out);
        });
    }

    /** Reads what {@link #writeMap} wrote into {@code m}, states made by {@code fresh} and filled by {@code read}. */
    static <T extends Compactable> void readMap(Map<String, T> m, Set<Compactable> touched, StateReader in, Supplier<T> fresh,
                                                BiConsumer<T, StateReader> read) {
        for (int i = in.count(); i > 0; i--) {
            String key = in.getString();
            T state = fresh.get();
            if (in.getBoolean()) touched.add(state);
            read.accept(state, in);
            m.put(key, state);
        }
    }

    /** A map of maps (per user, then per topic or item), both levels in key order. */
    static <T extends Compactable> void writeNested(Map<String, Map<String, T>> m, Set<Compactable> touched, StateWriter out,
                                                    BiConsumer<T, StateWriter> write) {
        out.putInt(m.size());
        new TreeMap<>(m).forEach((k, inner) -> writeMap(inner, touched, out.putString(k), write));
    }

    static <T extends Compactable> void readNested(Map<String, Map<String, T>> m, Set<Compactable> touched, StateReader in,
                                                   Supplier<T> fresh, BiConsumer<T, StateReader> read) {
        for (int i = in.count(); i > 0; i--) {
            String key = in.getString();
            Map<String, T> inner = new java.util.HashMap<>();
            readMap(inner, touched, in, fresh, read);
            m.put(key, inner);
        }
    }

    static void writeTouched(Compactable c, Set<Compactable> touched, StateWriter out) {
        out.putBoolean(touched.contains(c));
    }

    static void readTouched(Compactable c, Set<Compactable> touched, StateReader in) {
        if (in.getBoolean()) touched.add(c);
    }
}
