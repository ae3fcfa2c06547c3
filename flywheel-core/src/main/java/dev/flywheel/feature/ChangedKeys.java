package dev.flywheel.feature;

import java.util.LinkedHashSet;
import java.util.Set;

/** The keys of a loop's features changed since the last drain. Kept by the one writer thread. */
final class ChangedKeys {
    boolean global;
    final Set<String> items = new LinkedHashSet<>();
    final Set<String> users = new LinkedHashSet<>();

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
