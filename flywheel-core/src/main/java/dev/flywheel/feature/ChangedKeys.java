package dev.flywheel.feature;

import java.util.Set;
import java.util.TreeSet;

/**
 * The keys of a loop's features changed since the last drain, in key order (compaction finds them
 * in identity order, which differs between runs; a drain hands them on alike). Kept by the one writer thread.
 */
final class ChangedKeys {
    boolean global;
    final Set<String> items = new TreeSet<>();
    final Set<String> users = new TreeSet<>();

    void mark(FeatureKey key) {
        switch (key.kind()) {
            case GLOBAL -> global = true;
            case ITEM -> items.add(key.id());
            case USER -> users.add(key.id());
        }
    }

    void clear() {
        global = false;
        items.clear();
        users.clear();
    }
}
