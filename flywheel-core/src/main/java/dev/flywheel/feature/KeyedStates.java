package dev.flywheel.feature;

import dev.flywheel.state.StateReader;
import dev.flywheel.state.StateWriter;
import java.time.Duration;
import java.util.HashMap;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * The bytes of each key's feature state: a user's are exactly those a checkpoint nests for the user
 * (so a restored, undecoded user is handed on as read), an item's and the global state are the
 * checkpoint's own writes of their counts and values. What a change feed carries and a store keeps.
 */
public final class KeyedStates {
    private static final int PROFILE = 1;
    private static final int SEEN = 2;
    private static final int TOPICS = 4;
    private static final int ITEMS = 8;
    private static final int VALUES = 16;
    private static final int COUNTS = 1;
    private static final int VALUE = 2;

    private KeyedStates() { }

    /**
     * Reads of a loop's state from each key's bytes ({@code bytes} answers null for a key without
     * state): what a store of these bytes serves, decoded for features that decay with {@code halfLife}.
     */
    public static FeatureStateSource source(Duration halfLife, Function<FeatureKey, byte[]> bytes) {
        return new FeatureStateSource() {
            @Override
            public GlobalState global() {
                byte[] b = bytes.apply(FeatureKey.GLOBAL);
                return b == null ? emptyGlobal(halfLife) : decodeGlobal(b, halfLife);
            }

            @Override
            public ItemState item(String item) {
                byte[] b = bytes.apply(FeatureKey.item(item));
                return b == null ? null : decodeItem(b, halfLife);
            }

            @Override
            public UserState user(String user) {
                byte[] b = bytes.apply(FeatureKey.user(user));
                return b == null ? null : decodeUser(user, b, halfLife);
            }
        };
    }

    /** The global state of a loop that has had no update. */
    public static GlobalState emptyGlobal(Duration halfLife) {
        return new GlobalState(null, null, new ItemFeedback(halfLife), new ItemValue(halfLife));
    }

    public static GlobalState decodeGlobal(byte[] bytes, Duration halfLife) {
        StateReader in = new StateReader(bytes);
        var newest = in.getInstant();
        var compactedTo = in.getInstant();
        ItemFeedback counts = new ItemFeedback(halfLife);
        counts.readState(in);
        ItemValue value = new ItemValue(halfLife);
        value.readState(in);
        end(in, "global");
        return new GlobalState(newest, compactedTo, counts, value);
    }

    public static ItemState decodeItem(byte[] bytes, Duration halfLife) {
        StateReader in = new StateReader(bytes);
        int parts = in.getByte();
        ItemFeedback counts = null;
        ItemValue value = null;
        if ((parts & COUNTS) != 0) (counts = new ItemFeedback(halfLife)).readState(in);
        if ((parts & VALUE) != 0) (value = new ItemValue(halfLife)).readState(in);
        end(in, "an item's");
        return new ItemState(counts, value);
    }

    public static UserState decodeUser(String user, byte[] bytes, Duration halfLife) {
        return readUser(user, new StateReader(bytes), halfLife, new Touched(), UnaryOperator.identity());
    }

    /** The global state's bytes; {@code out} is scratch, reset first (one writer serves a whole drain). */
    static byte[] encodeGlobal(GlobalState g, StateWriter out) {
        out.reset().putInstant(g.newest()).putInstant(g.compactedTo());
        g.counts().writeState(out);
        g.value().writeState(out);
        return out.toByteArray();
    }

    static byte[] encodeItem(ItemState s, StateWriter out) {
        out.reset().putByte((s.counts() != null ? COUNTS : 0) | (s.value() != null ? VALUE : 0));
        if (s.counts() != null) s.counts().writeState(out);
        if (s.value() != null) s.value().writeState(out);
        return out.toByteArray();
    }

    static byte[] encodeUser(UserState m, Touched touched, StateWriter out) {
        writeUser(m, touched, out.reset());
        return out.toByteArray();
    }

    /** A user's parts, each state with whether compaction still visits it (the checkpoint's nested bytes). */
    static void writeUser(UserState m, Touched touched, StateWriter out) {
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
    }

    /**
     * Reads what {@link #writeUser} wrote; the states it flags join {@code touched} under the user's
     * key, and each item id read is replaced by {@code itemIds}' instance of it (see {@code FeatureMaps.itemId}).
     */
    static UserState readUser(String user, StateReader in, Duration halfLife, Touched touched, UnaryOperator<String> itemIds) {
        UserState m = new UserState(user);
        Function<String, FeatureKey> owner = k -> m.key;
        int parts = in.getByte();
        if (parts >= 32) throw new IllegalStateException("not a user's feature state: parts " + parts);
        if ((parts & PROFILE) != 0) {
            m.profile = new UserProfile(halfLife);
            FeatureState.readTouched(m.profile, m.key, touched, in);
            m.profile.readState(in);
        }
        if ((parts & SEEN) != 0) {
            m.seen = new SeenItems();
            m.seen.readState(in, itemIds);
        }
        if ((parts & TOPICS) != 0) FeatureState.readMap(m.topics = new HashMap<>(), owner, touched, in, () -> new ItemFeedback(halfLife), ItemFeedback::readState);
        if ((parts & ITEMS) != 0) {
            FeatureState.readMap(m.items = new HashMap<>(), itemIds, owner, touched, in, () -> new ItemFeedback(halfLife), ItemFeedback::readState);
        }
        if ((parts & VALUES) != 0) {
            FeatureState.readMap(m.values = new HashMap<>(), itemIds, owner, touched, in, () -> new ItemValue(halfLife), ItemValue::readState);
        }
        end(in, "a user's");
        return m;
    }

    private static void end(StateReader in, String what) {
        if (!in.atEnd()) throw new IllegalStateException(what + " feature state has bytes left over");
    }
}
