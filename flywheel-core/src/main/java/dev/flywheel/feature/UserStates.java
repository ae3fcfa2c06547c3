package dev.flywheel.feature;

import dev.flywheel.state.StateBytes;
import dev.flywheel.state.StateReader;
import dev.flywheel.state.StateWriter;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The feedback state of each user, kept by {@link InMemoryFeedbackFeatures}: the user's term profile,
 * what they were shown and judged, their counts per topic and per item, and the values they paid per
 * item. The per-item counts and values are, update for update, the user's share of each item's and
 * of the global counts and values, which is what lets a forgotten user's share be taken out of them.
 * Guarded by the facade's lock.
 *
 * <p>A restored user stays in the checkpoint's bytes until first used ({@link #load}): a start reads
 * an index of users instead of building millions of counts, and a checkpoint writes an unused user's
 * bytes back as they were. Compaction must see every state still holding updates, so the users whose
 * bytes hold such a state are loaded before it ({@link #loadTouched}).
 */
final class UserStates {
    private static final SeenItems NOTHING_SEEN = new SeenItems();
    private static final int PROFILE = 1;
    private static final int SEEN = 2;
    private static final int TOPICS = 4;
    private static final int ITEMS = 8;
    private static final int VALUES = 16;
    private final Duration halfLife;
    /** The facade's state updated since it was last compacted: what is created or changed here joins it. */
    private final Set<Compactable> touched;
    private final Map<String, Mine> users = new HashMap<>();
    /** Restored users not used since, as the checkpoint wrote them; read without the facade's lock by {@link #stored}. */
    private final Map<String, StateBytes> stored = new ConcurrentHashMap<>();
    /** The stored users whose bytes hold state that compaction has to visit. */
    private final Set<String> storedTouched = new java.util.HashSet<>();

    /** One user's state; each part null until first needed. */
    private static final class Mine {
        UserProfile profile;
        SeenItems seen;
        /** Per topic, the same counts as per item: how this user reacts to this topic. */
        Map<String, ItemFeedback> topics;
        /** Per item: how often this user was shown it and reacted, for items shown again. */
        Map<String, ItemFeedback> items;
        /** Per item, the values paid (only for value-paid reactions): the user's share of the item's. */
        Map<String, ItemValue> values;
    }

    UserStates(Duration halfLife, Set<Compactable> touched) {
        this.halfLife = halfLife;
        this.touched = touched;
    }

    /** Users in key order, each with whether compaction still visits any of its state, and its state nested. */
    void writeState(StateWriter out) {
        Set<String> names = new TreeSet<>(stored.keySet());
        names.addAll(users.keySet());
        out.putInt(names.size());
        for (String user : names) {
            Mine m = users.get(user);
            if (m == null) {
                out.putString(user).putBoolean(storedTouched.contains(user)).putBytes(stored.get(user));
            } else {
                write(m, out.putString(user).putBoolean(touchedAny(m)));
            }
        }
    }

    void readState(StateReader in) {
        if (!users.isEmpty() || !stored.isEmpty()) throw new IllegalStateException("user states restored over others");
        for (int i = in.count(); i > 0; i--) {
            String user = in.getString();
            boolean touchedAny = in.getBoolean();
            stored.put(user, in.getNested());
            if (touchedAny) storedTouched.add(user);
        }
    }

    private void write(Mine m, StateWriter out) {
        int mark = out.startNested();
        out.putByte((m.profile != null ? PROFILE : 0) | (m.seen != null ? SEEN : 0) | (m.topics != null ? TOPICS : 0)
                | (m.items != null ? ITEMS : 0) | (m.values != null ? VALUES : 0));
        if (m.profile != null) {
            FeatureState.writeTouched(m.profile, touched, out);
            m.profile.writeState(out);
        }
        if (m.seen != null) m.seen.writeState(out);
        if (m.topics != null) FeatureState.writeMap(m.topics, touched, out, ItemFeedback::writeState);
        if (m.items != null) FeatureState.writeMap(m.items, touched, out, ItemFeedback::writeState);
        if (m.values != null) FeatureState.writeMap(m.values, touched, out, ItemValue::writeState);
        out.endNested(mark);
    }

    private Mine read(StateReader in) {
        Mine m = new Mine();
        int parts = in.getByte();
        if (parts >= 32) throw new IllegalStateException("not a user's feature state: parts " + parts);
        if ((parts & PROFILE) != 0) {
            m.profile = new UserProfile(halfLife);
            FeatureState.readTouched(m.profile, touched, in);
            m.profile.readState(in);
        }
        if ((parts & SEEN) != 0) {
            m.seen = new SeenItems();
            m.seen.readState(in);
        }
        if ((parts & TOPICS) != 0) FeatureState.readMap(m.topics = new HashMap<>(), touched, in, () -> new ItemFeedback(halfLife), ItemFeedback::readState);
        if ((parts & ITEMS) != 0) FeatureState.readMap(m.items = new HashMap<>(), touched, in, () -> new ItemFeedback(halfLife), ItemFeedback::readState);
        if ((parts & VALUES) != 0) FeatureState.readMap(m.values = new HashMap<>(), touched, in, () -> new ItemValue(halfLife), ItemValue::readState);
        if (!in.atEnd()) throw new IllegalStateException("a user's feature state has bytes left over");
        return m;
    }

    private boolean touchedAny(Mine m) {
        if (m.profile != null && touched.contains(m.profile)) return true;
        for (Map<String, ? extends Compactable> states : java.util.Arrays.asList(m.topics, m.items, m.values)) {
            if (states == null) continue;
            for (Compactable c : states.values()) {
                if (touched.contains(c)) return true;
            }
        }
        return false;
    }

    /** Whether {@code user} is still held as restored bytes: a reader then has {@link #load} it under the write lock first. */
    boolean stored(String user) {
        return stored.containsKey(user);
    }

    /** Decodes a restored user's state, if it is still stored. Under the facade's write lock. */
    void load(String user) {
        StateBytes b = stored.get(user);
        if (b == null) return;
        users.put(user, read(b.reader()));
        stored.remove(user);
        storedTouched.remove(user);
    }

    /** Loads every stored user whose state compaction has to visit. Under the facade's write lock. */
    void loadTouched() {
        for (String user : storedTouched.toArray(new String[0])) load(user);
    }

    /** Restored users not decoded yet, for tests and status. */
    int storedUsers() {
        return stored.size();
    }

    /** Of those, the ones the next compaction decodes. */
    int storedUsersToCompact() {
        return storedTouched.size();
    }

    private Mine mine(String user) {
        load(user);
        return users.computeIfAbsent(user, k -> new Mine());
    }

    UserProfile profile(String user) {
        Mine m = mine(user);
        if (m.profile == null) m.profile = new UserProfile(halfLife);
        return touch(m.profile);
    }

    SeenItems seen(String user) {
        Mine m = mine(user);
        if (m.seen == null) m.seen = new SeenItems();
        return m.seen;
    }

    ItemFeedback topic(String user, String topic) {
        Mine m = mine(user);
        if (m.topics == null) m.topics = new HashMap<>();
        return touch(m.topics.computeIfAbsent(topic, k -> new ItemFeedback(halfLife)));
    }

    ItemFeedback item(String user, String item) {
        Mine m = mine(user);
        if (m.items == null) m.items = new HashMap<>();
        return touch(m.items.computeIfAbsent(item, k -> new ItemFeedback(halfLife)));
    }

    ItemValue value(String user, String item) {
        Mine m = mine(user);
        if (m.values == null) m.values = new HashMap<>();
        return touch(m.values.computeIfAbsent(item, k -> new ItemValue(halfLife)));
    }

    /** The user's profile, or null before their first judgement. Readers {@link #load} the user first. */
    UserProfile profileOf(String user) {
        Mine m = users.get(user);
        return m == null ? null : m.profile;
    }

    SeenItems seenOf(String user) {
        Mine m = users.get(user);
        return m == null || m.seen == null ? NOTHING_SEEN : m.seen;
    }

    Map<String, ItemFeedback> topicsOf(String user) {
        Mine m = users.get(user);
        return m == null || m.topics == null ? Map.of() : m.topics;
    }

    Map<String, ItemFeedback> itemsOf(String user) {
        Mine m = users.get(user);
        return m == null || m.items == null ? Map.of() : m.items;
    }

    Map<String, ItemValue> valuesOf(String user) {
        Mine m = users.get(user);
        return m == null || m.values == null ? Map.of() : m.values;
    }

    /** Drops everything kept of {@code user}; compaction no longer visits it either. */
    void remove(String user) {
        stored.remove(user);
        storedTouched.remove(user);
        Mine m = users.remove(user);
        if (m == null) return;
        if (m.profile != null) touched.remove(m.profile);
        untouch(m.topics);
        untouch(m.items);
        untouch(m.values);
    }

    private void untouch(Map<String, ? extends Compactable> states) {
        if (states != null) states.values().forEach(touched::remove);
    }

    private <T extends Compactable> T touch(T state) {
        touched.add(state);
        return state;
    }
}
