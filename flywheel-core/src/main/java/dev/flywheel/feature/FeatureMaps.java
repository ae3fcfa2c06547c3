package dev.flywheel.feature;

import dev.flywheel.state.StateReader;
import dev.flywheel.state.StateWriter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The state of {@link InMemoryFeedbackFeatures}: the global, per-item and per-user counts and values,
 * what compaction still has to visit, the keys changed since the last drain and since the last
 * change set, and their bytes (a whole state, a change set, a drain). The facade decides what an
 * update changes and holds the lock; this class is guarded by it.
 */
final class FeatureMaps implements FeatureStateSource {
    private final FeatureSettings settings;
    /** State updated since it was last compacted, with the key it belongs to. */
    final Touched touched = new Touched();
    final UserStates users;
    /** Replaced, not refilled, when a checkpoint's change set is read ({@link #readStateChanges}). */
    private ItemFeedback global;
    private ItemValue globalValue;
    private final Map<String, ItemFeedback> items = new HashMap<>();
    /** Per item, the values paid for it (only items a value-paid reaction touched), and over all items. */
    private final Map<String, ItemValue> values = new HashMap<>();
    /** The time of the newest update; reads later than it are answered as of it. */
    private Instant newest;
    /**
     * The latest compaction horizon: values before it are no longer kept, so a read asked for an
     * earlier time (feedback stamped before it that arrives late, a product's old impression) is
     * answered as of it, the earliest time still known.
     */
    private Instant compactedTo;
    private long compactionVisits;
    /**
     * One instance of each item id, the one every user's maps are keyed by. Each event brings its own
     * copy of the id; kept as the keys of millions of per-user entries, those copies were millions of
     * objects to collect, and sorting and writing a user's keys reached each in its own place in
     * the heap instead of the few thousand ids of the catalog, hot in the cache (docs/performance.md).
     * Grows with the distinct items, as {@link #items} does. Not state: a restore starts it again.
     */
    private final Map<String, String> itemIds = new HashMap<>();
    /** The keys changed since the last drain; null unless {@link #trackChanges} was called. */
    private ChangedKeys changed;
    /** The keys changed since the last checkpoint's change set; null unless {@link #trackStateChanges} was called. */
    private ChangedKeys sinceWrite;

    FeatureMaps(FeatureSettings settings) {
        this.settings = settings;
        this.global = new ItemFeedback(settings.halfLife());
        this.globalValue = new ItemValue(settings.halfLife());
        this.users = new UserStates(settings.halfLife(), touched, this::itemId);
    }

    @Override
    public GlobalState global() {
        return new GlobalState(newest, compactedTo, global, globalValue);
    }

    @Override
    public ItemState item(String item) {
        ItemFeedback c = items.get(item);
        ItemValue v = values.get(item);
        return c == null && v == null ? null : new ItemState(c, v);
    }

    @Override
    public UserState user(String user) {
        return users.stateOf(user);
    }

    /** The one instance of {@code item} kept as a key (see {@link #itemIds}). */
    String itemId(String item) {
        String kept = itemIds.putIfAbsent(item, item);
        return kept == null ? item : kept;
    }

    /** Time passes for the features as updates arrive. */
    void saw(Instant at) {
        if (newest == null || at.isAfter(newest)) newest = at;
    }

    boolean updated() {
        return newest != null;
    }

    /** An update of the user's, the item's (either may be null) and the global state. */
    void changed(String user, String item) {
        if (changed != null) changed.update(user, item);
        if (sinceWrite != null) sinceWrite.update(user, item);
    }

    /** An update of the user's state alone. */
    void changedUser(String user) {
        if (changed != null) changed.users.add(user);
        if (sinceWrite != null) sinceWrite.users.add(user);
    }

    /** The item's counts, about to change (see {@link Compactable}). */
    ItemFeedback itemCounts(String item) {
        return touch(items.computeIfAbsent(item, k -> new ItemFeedback(settings.halfLife())), FeatureKey.item(item));
    }

    ItemValue itemValue(String item) {
        return touch(values.computeIfAbsent(item, k -> new ItemValue(settings.halfLife())), FeatureKey.item(item));
    }

    ItemFeedback globalCounts() {
        return touch(global, FeatureKey.GLOBAL);
    }

    ItemValue globalValue() {
        return touch(globalValue, FeatureKey.GLOBAL);
    }

    private <T extends Compactable> T touch(T state, FeatureKey owner) {
        touched.add(state, owner);
        return state;
    }

    void compact(Instant horizon) {
        if (compactedTo == null || horizon.isAfter(compactedTo)) compactedTo = horizon;
        users.loadTouched();
        if (changed != null) changed.global = true;
        if (sinceWrite != null) sinceWrite.global = true;
        compactionVisits += touched.compact(horizon, (c, owner) -> {
            c.compact(horizon);
            // folding updates into a base changes the state's bytes, if not its values from the horizon on
            if (changed != null) changed.mark(owner);
            if (sinceWrite != null) sinceWrite.mark(owner);
        });
    }

    long compactionVisits() {
        return compactionVisits;
    }

    void writeState(StateWriter out) {
        writeGlobal(out);
        FeatureState.writeMap(items, touched, out, ItemFeedback::writeState);
        FeatureState.writeMap(values, touched, out, ItemValue::writeState);
        users.writeState(out);
    }

    void readState(StateReader in) {
        if (newest != null) throw new IllegalStateException("features are restored only before any update");
        readGlobal(in);
        FeatureState.readMap(items, this::itemId, FeatureKey::item, touched, in, () -> new ItemFeedback(settings.halfLife()), ItemFeedback::readState);
        FeatureState.readMap(values, this::itemId, FeatureKey::item, touched, in, () -> new ItemValue(settings.halfLife()), ItemValue::readState);
        users.readState(in);
    }

    void trackChanges() {
        if (changed == null) changed = new ChangedKeys();
    }

    /** The keys changed since the last drain (or since tracking began), each with its state's bytes now. */
    List<FeatureStateChange> drainChanges(String loop, long seq, boolean afterIdle) {
        if (changed == null) throw new IllegalStateException("changes are not tracked: call trackChanges first");
        List<FeatureStateChange> out = new ArrayList<>(changed.items.size() + changed.users.size() + 1);
        StateWriter scratch = changed.scratch;
        if (changed.global) {
            out.add(new FeatureStateChange(loop, FeatureKey.GLOBAL, seq, afterIdle, KeyedStates.encodeGlobal(global(), scratch)));
        }
        for (String item : changed.sortedItems()) {
            out.add(new FeatureStateChange(loop, FeatureKey.item(item), seq, afterIdle,
                    KeyedStates.encodeItem(new ItemState(items.get(item), values.get(item)), scratch)));
        }
        for (String user : changed.sortedUsers()) {
            UserStates.Encoded e = sinceWrite == null ? null : users.encoded(user, scratch);
            if (e != null) sinceWrite.drained.put(user, e);
            byte[] bytes = e != null ? e.bytes() : users.bytesOf(user, scratch);
            out.add(new FeatureStateChange(loop, FeatureKey.user(user), seq, afterIdle, bytes));
        }
        changed.clear();
        return out;
    }

    void trackStateChanges() {
        if (sinceWrite == null) sinceWrite = new ChangedKeys();
    }

    /**
     * The header and the global states, then each key changed since the last change set (in key order).
     * A user a drain encoded and that has not changed since is written as that drain's bytes: walking
     * a user's maps again, cold by then, was most of a change set's cost (docs/performance.md). The drain
     * and the change sets are taken by one thread (the job's task thread).
     */
    void writeStateChanges(StateWriter out) {
        if (sinceWrite == null) throw new IllegalStateException("state changes are not tracked: call trackStateChanges first");
        writeGlobal(out);
        List<String> changedItems = sinceWrite.sortedItems();
        out.putInt(changedItems.size());
        for (String item : changedItems) FeatureState.writeItem(item, items.get(item), values.get(item), touched, out);
        List<String> changedUsers = sinceWrite.sortedUsers();
        out.putInt(changedUsers.size());
        for (String user : changedUsers) {
            UserStates.Encoded e = changed == null || changed.users.contains(user) ? null : sinceWrite.drained.get(user);
            if (e != null) users.writeChange(user, e, out);
            else users.writeChange(user, out);
        }
        sinceWrite.clear();
    }

    void dropStateChanges() {
        if (sinceWrite != null) sinceWrite.clear();
    }

    void readStateChanges(StateReader in) {
        if (sinceWrite != null) sinceWrite.drained.clear();
        readGlobal(in);
        for (int i = in.count(); i > 0; i--) FeatureState.readItem(items, values, settings.halfLife(), touched, in);
        for (int i = in.count(); i > 0; i--) users.readChange(in);
    }

    /** The header and the global states: what a whole state and a change set both begin with. */
    private void writeGlobal(StateWriter out) {
        out.putInstant(newest).putInstant(compactedTo).putLong(compactionVisits);
        FeatureState.writeTouched(global, touched, out);
        global.writeState(out);
        FeatureState.writeTouched(globalValue, touched, out);
        globalValue.writeState(out);
    }

    /** Reads what {@link #writeGlobal} wrote into new global states (a change set's replace the last ones). */
    private void readGlobal(StateReader in) {
        newest = in.getInstant();
        compactedTo = in.getInstant();
        compactionVisits = in.getLong();
        touched.remove(global);
        global = new ItemFeedback(settings.halfLife());
        FeatureState.readTouched(global, FeatureKey.GLOBAL, touched, in);
        global.readState(in);
        touched.remove(globalValue);
        globalValue = new ItemValue(settings.halfLife());
        FeatureState.readTouched(globalValue, FeatureKey.GLOBAL, touched, in);
        globalValue.readState(in);
    }
}
