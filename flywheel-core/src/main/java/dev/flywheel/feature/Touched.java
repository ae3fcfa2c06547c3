package dev.flywheel.feature;

import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.Map;

/**
 * The state updated since it was last compacted (by identity), each with the key it belongs to:
 * compaction changes such a state's bytes, so a change feed must hand its key on again.
 */
final class Touched {
    private final Map<Compactable, FeatureKey> owners = new IdentityHashMap<>();

    void add(Compactable c, FeatureKey owner) {
        owners.put(c, owner);
    }

    boolean contains(Compactable c) {
        return owners.containsKey(c);
    }

    void remove(Compactable c) {
        owners.remove(c);
    }

    /** Entries of state and key; the iterator's remove drops a state that holds no update any more. */
    Iterator<Map.Entry<Compactable, FeatureKey>> iterator() {
        return owners.entrySet().iterator();
    }
}
