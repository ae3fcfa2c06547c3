package dev.flywheel.feature;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The keys of a loop's features changed since the last drain. Kept by the one writer thread; one
 * per consumer of the changes (the servers' drain, the checkpoint's change sets), so neither sees
 * the other's drains. Hash sets, sorted only when handed on: a key is marked at every update, handed
 * on once per drain (compaction finds keys in identity order, which differs between runs; handed on
 * in key order they are alike).
 */
final class ChangedKeys {
    boolean global;
    final Set<String> items = new HashSet<>();
    final Set<String> users = new HashSet<>();
    /** Where a drain encodes the keys' states one after another: one buffer for all of them. */
    final dev.flywheel.state.StateWriter scratch = new dev.flywheel.state.StateWriter();
    /**
     * For a change set: users' bytes as the drains since it encoded them (see
     * {@link FeatureMaps#writeStateChanges}); a user's entry is current while the user has not changed
     * since the drain that wrote it.
     */
    final java.util.Map<String, UserStates.Encoded> drained = new java.util.HashMap<>();

    void mark(FeatureKey key) {
        switch (key.kind()) {
            case GLOBAL -> global = true;
            case ITEM -> items.add(key.id());
            case USER -> users.add(key.id());
        }
    }

    /** An update of the user's, the item's (either may be null) and the global state. */
    void update(String user, String item) {
        global = true;
        if (user != null) users.add(user);
        if (item != null) items.add(item);
    }

    List<String> sortedItems() {
        return items.stream().sorted().toList();
    }

    List<String> sortedUsers() {
        return users.stream().sorted().toList();
    }

    void clear() {
        global = false;
        items.clear();
        users.clear();
        drained.clear();
    }
}
