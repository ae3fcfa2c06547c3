package dev.flywheel.feature;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * The feedback state of each user, kept by {@link InMemoryFeedbackFeatures}: the user's term profile,
 * what they were shown and judged, their counts per topic and per item, and the values they paid per
 * item. The per-item counts and values are, update for update, the user's share of each item's and
 * of the global counts and values, which is what lets a forgotten user's share be taken out of them.
 * Guarded by the facade's lock.
 */
final class UserStates {
    private static final SeenItems NOTHING_SEEN = new SeenItems();
    private final Duration halfLife;
    /** The facade's state updated since it was last compacted: what is created or changed here joins it. */
    private final Set<Compactable> touched;
    private final Map<String, UserProfile> profiles = new HashMap<>();
    private final Map<String, SeenItems> seen = new HashMap<>();
    /** Per user and topic, the same counts as per item: how this user reacts to this topic. */
    private final Map<String, Map<String, ItemFeedback>> topics = new HashMap<>();
    /** Per user and item: how often this user was shown it and reacted, for items shown again. */
    private final Map<String, Map<String, ItemFeedback>> items = new HashMap<>();
    /** Per user and item, the values paid (only for value-paid reactions): the user's share of the item's. */
    private final Map<String, Map<String, ItemValue>> values = new HashMap<>();

    UserStates(Duration halfLife, Set<Compactable> touched) {
        this.halfLife = halfLife;
        this.touched = touched;
    }

    void writeState(dev.flywheel.state.StateWriter out) {
        FeatureState.writeMap(profiles, touched, out, UserProfile::writeState);
        out.putInt(seen.size());
        new java.util.TreeMap<>(seen).forEach((user, s) -> s.writeState(out.putString(user)));
        FeatureState.writeNested(topics, touched, out, ItemFeedback::writeState);
        FeatureState.writeNested(items, touched, out, ItemFeedback::writeState);
        FeatureState.writeNested(values, touched, out, ItemValue::writeState);
    }

    void readState(dev.flywheel.state.StateReader in) {
        FeatureState.readMap(profiles, touched, in, () -> new UserProfile(halfLife), UserProfile::readState);
        for (int i = in.count(); i > 0; i--) {
            SeenItems s = new SeenItems();
            seen.put(in.getString(), s);
            s.readState(in);
        }
        FeatureState.readNested(topics, touched, in, () -> new ItemFeedback(halfLife), ItemFeedback::readState);
        FeatureState.readNested(items, touched, in, () -> new ItemFeedback(halfLife), ItemFeedback::readState);
        FeatureState.readNested(values, touched, in, () -> new ItemValue(halfLife), ItemValue::readState);
    }

    UserProfile profile(String user) {
        return touch(profiles.computeIfAbsent(user, k -> new UserProfile(halfLife)));
    }

    SeenItems seen(String user) {
        return seen.computeIfAbsent(user, k -> new SeenItems());
    }

    ItemFeedback topic(String user, String topic) {
        return touch(topics.computeIfAbsent(user, k -> new HashMap<>()).computeIfAbsent(topic, k -> new ItemFeedback(halfLife)));
    }

    ItemFeedback item(String user, String item) {
        return touch(items.computeIfAbsent(user, k -> new HashMap<>()).computeIfAbsent(item, k -> new ItemFeedback(halfLife)));
    }

    ItemValue value(String user, String item) {
        return touch(values.computeIfAbsent(user, k -> new HashMap<>()).computeIfAbsent(item, k -> new ItemValue(halfLife)));
    }

    /** The user's profile, or null before their first judgement. */
    UserProfile profileOf(String user) {
        return profiles.get(user);
    }

    SeenItems seenOf(String user) {
        return seen.getOrDefault(user, NOTHING_SEEN);
    }

    Map<String, ItemFeedback> topicsOf(String user) {
        return topics.getOrDefault(user, Map.of());
    }

    Map<String, ItemFeedback> itemsOf(String user) {
        return items.getOrDefault(user, Map.of());
    }

    Map<String, ItemValue> valuesOf(String user) {
        return values.getOrDefault(user, Map.of());
    }

    /** Drops everything kept of {@code user}; compaction no longer visits it either. */
    void remove(String user) {
        UserProfile p = profiles.remove(user);
        if (p != null) touched.remove(p);
        seen.remove(user);
        untouch(topics.remove(user));
        untouch(items.remove(user));
        untouch(values.remove(user));
    }

    private void untouch(Map<String, ? extends Compactable> states) {
        if (states != null) states.values().forEach(touched::remove);
    }

    private <T extends Compactable> T touch(T state) {
        touched.add(state);
        return state;
    }
}
