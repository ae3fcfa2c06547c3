package dev.flywheel.feature;

import dev.flywheel.state.StateBytes;
import dev.flywheel.state.StateReader;
import dev.flywheel.state.StateWriter;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The feedback state of each user ({@link UserState}), kept by {@link InMemoryFeedbackFeatures}. The
 * per-item counts and values are, update for update, the user's share of each item's and of the
 * global counts and values, which is what lets a forgotten user's share be taken out of them.
 * Guarded by the facade's lock.
 *
 * <p>A restored user stays in the checkpoint's bytes until first used ({@link #load}): a start reads
 * an index of users instead of building millions of counts, and a checkpoint writes an unused user's
 * bytes back as they were. Compaction must see every state still holding updates, so the users whose
 * bytes hold such a state are loaded before it ({@link #loadTouched}).
 */
final class UserStates {
    private final Duration halfLife;
    /** The facade's state updated since it was last compacted: what is created or changed here joins it. */
    private final Touched touched;
    private final Map<String, UserState> users = new HashMap<>();
    /** Restored users not used since, as the checkpoint wrote them; read without the facade's lock by {@link #stored}. */
    private final Map<String, StateBytes> stored = new ConcurrentHashMap<>();
    /** The stored users whose bytes hold state that compaction has to visit. */
    private final Set<String> storedTouched = new java.util.HashSet<>();

    /** Item ids as the user's maps keep them: one instance each (see {@code FeatureMaps.itemId}). */
    private final java.util.function.UnaryOperator<String> itemIds;

    UserStates(Duration halfLife, Touched touched, java.util.function.UnaryOperator<String> itemIds) {
        this.halfLife = halfLife;
        this.touched = touched;
        this.itemIds = itemIds;
    }

    /** Users in key order, each with whether compaction still visits any of its state, and its state nested. */
    void writeState(StateWriter out) {
        String[] names = dev.flywheel.state.SortedKeys.union(stored, users);
        out.putInt(names.length);
        for (String user : names) {
            UserState m = users.get(user);
            if (m == null) {
                out.putString(user).putBoolean(storedTouched.contains(user)).putBytes(stored.get(user));
            } else {
                out.putString(user).putBoolean(touchedAny(m));
                int mark = out.startNested();
                KeyedStates.writeUser(m, touched, out);
                out.endNested(mark);
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

    /** A user's bytes as a checkpoint nests them, and whether compaction still visits any of its state. */
    record Encoded(byte[] bytes, boolean touchedAny) { }

    /** The user's state, encoded, if it is held decoded (a stored user is its bytes already); else null. */
    Encoded encoded(String user, StateWriter scratch) {
        UserState m = users.get(user);
        return m == null ? null : new Encoded(KeyedStates.encodeUser(m, touched, scratch), touchedAny(m));
    }

    /** For a change set: a user {@link #encoded} since its last change (the same bytes {@link #writeChange} writes). */
    void writeChange(String user, Encoded e, StateWriter out) {
        out.putString(user).putBoolean(true).putBoolean(e.touchedAny()).putBytes(e.bytes());
    }

    /** For a change set: the user, whether it has state, then as {@link #writeState} writes one user. */
    void writeChange(String user, StateWriter out) {
        UserState m = users.get(user);
        StateBytes b = stored.get(user);
        out.putString(user).putBoolean(m != null || b != null);
        if (m != null) {
            out.putBoolean(touchedAny(m));
            int mark = out.startNested();
            KeyedStates.writeUser(m, touched, out);
            out.endNested(mark);
        } else if (b != null) {
            out.putBoolean(storedTouched.contains(user)).putBytes(b);
        }
    }

    /** Replaces a user's state with what {@link #writeChange} wrote (kept as its bytes until used), or drops it. */
    void readChange(StateReader in) {
        String user = in.getString();
        remove(user);
        if (!in.getBoolean()) return;
        boolean touchedAny = in.getBoolean();
        stored.put(user, in.getNested());
        if (touchedAny) storedTouched.add(user);
    }

    /** The bytes of {@code user}'s state as a checkpoint nests them, or null when the user has none. */
    byte[] bytesOf(String user, dev.flywheel.state.StateWriter scratch) {
        UserState m = users.get(user);
        if (m != null) return KeyedStates.encodeUser(m, touched, scratch);
        StateBytes b = stored.get(user);
        return b == null ? null : b.toArray();
    }

    private boolean touchedAny(UserState m) {
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
        users.put(user, KeyedStates.readUser(user, b.reader(), halfLife, touched, itemIds));
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

    private UserState mine(String user) {
        load(user);
        return users.computeIfAbsent(user, UserState::new);
    }

    UserProfile profile(String user) {
        UserState m = mine(user);
        if (m.profile == null) m.profile = new UserProfile(halfLife);
        return touch(m.profile, m);
    }

    SeenItems seen(String user) {
        UserState m = mine(user);
        if (m.seen == null) m.seen = new SeenItems();
        return m.seen;
    }

    ItemFeedback topic(String user, String topic) {
        UserState m = mine(user);
        if (m.topics == null) m.topics = new HashMap<>();
        return touch(m.topics.computeIfAbsent(topic, k -> new ItemFeedback(halfLife)), m);
    }

    ItemFeedback item(String user, String item) {
        UserState m = mine(user);
        if (m.items == null) m.items = new HashMap<>();
        return touch(m.items.computeIfAbsent(item, k -> new ItemFeedback(halfLife)), m);
    }

    ItemValue value(String user, String item) {
        UserState m = mine(user);
        if (m.values == null) m.values = new HashMap<>();
        return touch(m.values.computeIfAbsent(item, k -> new ItemValue(halfLife)), m);
    }

    /** The user's state, or null when the user has none. Readers {@link #load} the user first. */
    UserState stateOf(String user) {
        return users.get(user);
    }

    Map<String, ItemFeedback> itemsOf(String user) {
        UserState m = users.get(user);
        return m == null ? Map.of() : m.itemsOrNone();
    }

    Map<String, ItemValue> valuesOf(String user) {
        UserState m = users.get(user);
        return m == null ? Map.of() : m.valuesOrNone();
    }

    /** Drops everything kept of {@code user}; compaction no longer visits it either. */
    void remove(String user) {
        stored.remove(user);
        storedTouched.remove(user);
        UserState m = users.remove(user);
        if (m == null) return;
        if (m.profile != null) touched.remove(m.profile);
        untouch(m.topics);
        untouch(m.items);
        untouch(m.values);
    }

    private void untouch(Map<String, ? extends Compactable> states) {
        if (states != null) states.values().forEach(touched::remove);
    }

    private <T extends Compactable> T touch(T state, UserState owner) {
        touched.add(state, owner.key);
        return state;
    }
}
