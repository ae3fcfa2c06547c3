package dev.flywheel.feature;

import java.util.Map;

/**
 * One user's own feature state: their term profile, what they were shown and judged, their counts
 * per topic and per item, and the values they paid per item (their share of each item's). Each part
 * is null until first needed. Opaque outside the package: read through {@link FeatureReads}, moved
 * as the bytes {@link KeyedStates} writes (those of a checkpoint).
 */
public final class UserState {
    private static final SeenItems NOTHING_SEEN = new SeenItems();
    /** The key compaction reports this user's states under. */
    final FeatureKey key;
    UserProfile profile;
    SeenItems seen;
    /** Per topic, the same counts as per item: how this user reacts to this topic. */
    Map<String, ItemFeedback> topics;
    /** Per item: how often this user was shown it and reacted, for items shown again. */
    Map<String, ItemFeedback> items;
    /** Per item, the values paid (only for value-paid reactions): the user's share of the item's. */
    Map<String, ItemValue> values;

    UserState(String user) {
        this.key = FeatureKey.user(user);
    }

    SeenItems seenOrNothing() {
        return seen == null ? NOTHING_SEEN : seen;
    }

    Map<String, ItemFeedback> topicsOrNone() {
        return topics == null ? Map.of() : topics;
    }

    Map<String, ItemFeedback> itemsOrNone() {
        return items == null ? Map.of() : items;
    }

    Map<String, ItemValue> valuesOrNone() {
        return values == null ? Map.of() : values;
    }
}
