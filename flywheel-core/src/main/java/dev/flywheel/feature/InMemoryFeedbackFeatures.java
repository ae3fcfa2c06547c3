package dev.flywheel.feature;

import dev.flywheel.decision.Decision;
import dev.flywheel.decision.ServedItem;
import dev.flywheel.event.Event;
import dev.flywheel.outcome.Outcome;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Function;

/**
 * The feedback features of one loop held in this process's memory: the embedded adapter of the
 * {@link FeedbackFeatures} port.
 *
 * <p>Each update carries the time it became true: an impression at its decision's (or impression
 * event's) time, a reaction at its event's time, an ignore at the end of its window (only then is it
 * known). A value asked for time t uses updates stamped at or before t, whatever order they arrived in.
 *
 * <p>Reads run in parallel under the read lock; the one writer (the log runner) takes the write lock.
 */
public final class InMemoryFeedbackFeatures implements FeedbackFeatures {
    private static final String IMPRESSION = "impression";
    private static final Set<String> JUDGEMENTS = Set.of("like", "dislike", "rating", "dismiss");

    private final FeatureSettings settings;
    private final Function<String, Map<String, Double>> termVectors;
    /** Replaced, not refilled, when a checkpoint's change set is read ({@link #readStateChanges}). */
    private ItemFeedback global;
    private final ItemVectors shapes = new ItemVectors();
    private final ReadWriteLock lock = new ReentrantReadWriteLock();
    /** The time of the newest update; reads later than it are answered as of it. Guarded by the lock. */
    private Instant newest;
    private long compactionVisits;
    /**
     * The latest compaction horizon: values before it are no longer kept, so a read asked for an
     * earlier time (feedback stamped before it that arrives late, a product's old impression) is
     * answered as of it, the earliest time still known. Guarded by the lock.
     */
    private Instant compactedTo;
    /** State updated since it was last compacted, with the key it belongs to. */
    private final Touched touched = new Touched();
    private final Map<String, ItemFeedback> items = new HashMap<>();
    /** Per item, the values paid for it (only items a value-paid reaction touched), and over all items. */
    private final Map<String, ItemValue> values = new HashMap<>();
    private ItemValue globalValue;
    private final UserStates users;
    /** The read path, over this object's own maps ({@link Maps}). */
    private final FeatureReads reads;
    /** The keys changed since the last drain; null unless {@link #trackChanges} was called. */
    private ChangedKeys changed;
    /** The keys changed since the last checkpoint's change set; null unless {@link #trackStateChanges} was called. */
    private ChangedKeys sinceWrite;

    /**
     * @param priorStrength pseudo-impressions of the global rate in every item's smoothed rates
     * @param termVectors   an item's sparse term/topic vector (empty when unknown), from the catalog
     */
    public InMemoryFeedbackFeatures(Duration halfLife, double priorStrength, Function<String, Map<String, Double>> termVectors) {
        this(new FeatureSettings(halfLife, priorStrength), termVectors);
    }

    /** @param termVectors an item's sparse term/topic vector (empty when unknown), from the catalog */
    public InMemoryFeedbackFeatures(FeatureSettings settings, Function<String, Map<String, Double>> termVectors) {
        if (termVectors == null) throw new IllegalArgumentException("termVectors is required");
        this.settings = settings;
        this.global = new ItemFeedback(settings.halfLife());
        this.globalValue = new ItemValue(settings.halfLife());
        this.users = new UserStates(settings.halfLife(), touched);
        this.termVectors = termVectors;
        this.reads = new FeatureReads(settings, termVectors, new Maps(), shapes);
    }

    @Override
    public void onDecision(Decision d) {
        lock.writeLock().lock();
        try {
            for (ServedItem s : d.items()) impression(d.user(), s.item(), d.timestamp());
        } finally {
            lock.writeLock().unlock();
        }
    }

    private void saw(Instant at) {
        if (newest == null || at.isAfter(newest)) newest = at;
    }

    private void impression(String user, String item, Instant at) {
        saw(at);
        changed(user, item);
        item(item).impression(at);
        touch(global, FeatureKey.GLOBAL).impression(at);
        users.seen(user).shown(item, at);
        for (String topic : topics(item)) users.topic(user, topic).impression(at);
        users.item(user, item).impression(at);
    }

    /**
     * An impression event that names no decision is an exposure of its own (a product's history, or
     * a product that logs what it showed without deciding through Flywheel); one that names a
     * decision was already counted when the decision was.
     */
    @Override
    public void onEvent(Event e) {
        if (e.item() == null) return;
        lock.writeLock().lock();
        try {
            if (IMPRESSION.equals(e.type())) {
                if (e.decision() == null) impression(e.user(), e.item(), e.timestamp());
            } else {
                reaction(e);
            }
        } finally {
            lock.writeLock().unlock();
        }
    }

    private void reaction(Event e) {
        saw(e.timestamp());
        changed(e.user(), e.item());
        String role = settings.role(e.type());
        item(e.item()).reaction(role, e.timestamp());
        touch(global, FeatureKey.GLOBAL).reaction(role, e.timestamp());
        for (String topic : topics(e.item())) users.topic(e.user(), topic).reaction(role, e.timestamp());
        users.item(e.user(), e.item()).reaction(role, e.timestamp());
        if (JUDGEMENTS.contains(role)) users.seen(e.user()).judged(e.item(), "dislike".equals(role), e.timestamp());
        if (settings.valueTypes().contains(e.type()) && e.value() != null && e.value() > 0) {
            paid(e.user(), e.item(), e.value(), e.timestamp());
        }
        double w = switch (role) {
            case "like" -> UserProfile.LIKE;
            case "dislike" -> UserProfile.DISLIKE;
            default -> 0;
        };
        if (w != 0) users.profile(e.user()).add(termVectors.apply(e.item()), w, e.timestamp());
    }

    private void paid(String user, String item, double value, Instant at) {
        touch(globalValue, FeatureKey.GLOBAL).add(at, value);
        value(item).add(at, value);
        users.value(user, item).add(at, value);
    }

    /** Only ignores are taken from outcomes; {@code knownAt} is when its window closed. */
    @Override
    public void onOutcome(Outcome o, Instant knownAt) {
        if (!o.ignored()) return;
        lock.writeLock().lock();
        try {
            if (changed != null) changed.users.add(o.user());
            if (sinceWrite != null) sinceWrite.users.add(o.user());
            users.profile(o.user()).add(termVectors.apply(o.item()), UserProfile.IGNORE, knownAt);
        } finally {
            lock.writeLock().unlock();
        }
    }

    /**
     * Values as of {@code at}, or as of the newest feedback when {@code at} is later: time passes for
     * the features as feedback arrives, so a history imported years after it happened is not decayed
     * to nothing by a clock that no feedback followed; with live traffic the two are the same.
     */
    @Override
    public void read(String user, Instant asked, List<String> items, ItemValues sink) {
        loadIfStored(user);
        lock.readLock().lock();
        try {
            reads.read(user, asked, items, sink);
        } finally {
            lock.readLock().unlock();
        }
    }

    /** Named feature values of {@code item} for {@code user} as of {@code now}, in a stable order. */
    public FeatureValues features(String user, String item, Map<String, Double> termVector, Instant now) {
        loadIfStored(user);
        lock.readLock().lock();
        try {
            return reads.features(user, item, termVector, now);
        } finally {
            lock.readLock().unlock();
        }
    }

    /**
     * Takes the user's share out of every item's and the global counts and paid values (the user's
     * per-item state holds it update for update, compacted or not), then drops the user's own state:
     * every value at a time the state can still answer is then what it would be had the user never
     * been fed here.
     */
    @Override
    public void forget(String user) {
        lock.writeLock().lock();
        try {
            users.load(user);
            changed(user, null);
            users.itemsOf(user).forEach((item, mine) -> {
                changed(null, item);
                item(item).subtract(mine);
                touch(global, FeatureKey.GLOBAL).subtract(mine);
            });
            users.valuesOf(user).forEach((item, mine) -> {
                changed(null, item);
                value(item).subtract(mine);
                touch(globalValue, FeatureKey.GLOBAL).subtract(mine);
            });
            users.remove(user);
        } finally {
            lock.writeLock().unlock();
        }
    }

    @Override
    public void writeState(dev.flywheel.state.StateWriter out) {
        lock.readLock().lock();
        try {
            writeGlobal(out);
            FeatureState.writeMap(items, touched, out, ItemFeedback::writeState);
            FeatureState.writeMap(values, touched, out, ItemValue::writeState);
            users.writeState(out);
        } finally {
            lock.readLock().unlock();
        }
    }

    @Override
    public void readState(dev.flywheel.state.StateReader in) {
        lock.writeLock().lock();
        try {
            if (newest != null) throw new IllegalStateException("features are restored only before any update");
            readGlobal(in);
            FeatureState.readMap(items, FeatureKey::item, touched, in, () -> new ItemFeedback(settings.halfLife()), ItemFeedback::readState);
            FeatureState.readMap(values, FeatureKey::item, touched, in, () -> new ItemValue(settings.halfLife()), ItemValue::readState);
            users.readState(in);
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** Bounds memory: values before {@code horizon} can no longer be asked for. */
    @Override
    public void compact(Instant horizon) {
        lock.writeLock().lock();
        try {
            compactAll(horizon);
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** State visits by compaction so far: its work, for accounting. */
    public long compactionVisits() {
        lock.readLock().lock();
        try {
            return compactionVisits;
        } finally {
            lock.readLock().unlock();
        }
    }

    /**
     * A restored user is decoded on first use, which changes the maps: a reader has it done under the
     * write lock before it takes the read lock (nothing stores a user again after the restore).
     */
    private void loadIfStored(String user) {
        if (!users.stored(user)) return;
        lock.writeLock().lock();
        try {
            users.load(user);
        } finally {
            lock.writeLock().unlock();
        }
    }

    /**
     * Restored users whose state is still held as the checkpoint's bytes (decoded on first use), and
     * of those the ones the next compaction decodes.
     */
    public int[] storedUsers() {
        lock.readLock().lock();
        try {
            return new int[] {users.storedUsers(), users.storedUsersToCompact()};
        } finally {
            lock.readLock().unlock();
        }
    }

    private void compactAll(Instant horizon) {
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

    private String[] topics(String item) {
        return shapes.of(item, termVectors.apply(item)).topics();
    }

    private ItemFeedback item(String id) {
        return touch(items.computeIfAbsent(id, k -> new ItemFeedback(settings.halfLife())), FeatureKey.item(id));
    }

    private ItemValue value(String item) {
        return touch(values.computeIfAbsent(item, k -> new ItemValue(settings.halfLife())), FeatureKey.item(item));
    }

    /** Only the returned state is about to change; see {@link Compactable}. */
    private <T extends Compactable> T touch(T state, FeatureKey owner) {
        touched.add(state, owner);
        return state;
    }

    /** An update of the user's, the item's (either may be null) and the global state. */
    private void changed(String user, String item) {
        if (changed != null) changed.update(user, item);
        if (sinceWrite != null) sinceWrite.update(user, item);
    }

    @Override
    public void trackChanges() {
        lock.writeLock().lock();
        try {
            if (changed == null) changed = new ChangedKeys();
        } finally {
            lock.writeLock().unlock();
        }
    }

    /**
     * The keys changed since the last drain (or since tracking began), each with its state's bytes
     * now; a forgotten user's bytes are null. Call it on the writer's thread, between updates.
     */
    @Override
    public List<FeatureStateChange> drainChanges(String loop, long seq, boolean afterIdle) {
        lock.readLock().lock();
        try {
            if (changed == null) throw new IllegalStateException("changes are not tracked: call trackChanges first");
            List<FeatureStateChange> out = new ArrayList<>(changed.items.size() + changed.users.size() + 1);
            dev.flywheel.state.StateWriter scratch = changed.scratch;
            if (changed.global) {
                out.add(new FeatureStateChange(loop, FeatureKey.GLOBAL, seq, afterIdle,
                        KeyedStates.encodeGlobal(new GlobalState(newest, compactedTo, global, globalValue), scratch)));
            }
            for (String item : changed.sortedItems()) {
                out.add(new FeatureStateChange(loop, FeatureKey.item(item), seq, afterIdle,
                        KeyedStates.encodeItem(new ItemState(items.get(item), values.get(item)), scratch)));
            }
            for (String user : changed.sortedUsers()) {
                out.add(new FeatureStateChange(loop, FeatureKey.user(user), seq, afterIdle, users.bytesOf(user, scratch)));
            }
            changed.clear();
            return out;
        } finally {
            lock.readLock().unlock();
        }
    }

    @Override
    public void trackStateChanges() {
        lock.writeLock().lock();
        try {
            if (sinceWrite == null) sinceWrite = new ChangedKeys();
        } finally {
            lock.writeLock().unlock();
        }
    }

    /**
     * The header and the global states as {@link #writeState} writes them, then each key changed
     * since the last change set (in key order) with its state now or as removed. On the writer's thread.
     */
    @Override
    public void writeStateChanges(dev.flywheel.state.StateWriter out) {
        lock.readLock().lock();
        try {
            if (sinceWrite == null) throw new IllegalStateException("state changes are not tracked: call trackStateChanges first");
            writeGlobal(out);
            List<String> changedItems = sinceWrite.sortedItems();
            out.putInt(changedItems.size());
            for (String item : changedItems) FeatureState.writeItem(item, items.get(item), values.get(item), touched, out);
            List<String> changedUsers = sinceWrite.sortedUsers();
            out.putInt(changedUsers.size());
            for (String user : changedUsers) users.writeChange(user, out);
            sinceWrite.clear();
        } finally {
            lock.readLock().unlock();
        }
    }

    @Override
    public void dropStateChanges() {
        if (sinceWrite != null) sinceWrite.clear();
    }

    /** Applies what {@link #writeStateChanges} wrote over the state read so far. */
    @Override
    public void readStateChanges(dev.flywheel.state.StateReader in) {
        lock.writeLock().lock();
        try {
            readGlobal(in);
            for (int i = in.count(); i > 0; i--) FeatureState.readItem(items, values, settings.halfLife(), touched, in);
            for (int i = in.count(); i > 0; i--) users.readChange(in);
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** The header and the global states: what a whole state and a change set both begin with. Under a lock. */
    private void writeGlobal(dev.flywheel.state.StateWriter out) {
        out.putInstant(newest).putInstant(compactedTo).putLong(compactionVisits);
        FeatureState.writeTouched(global, touched, out);
        global.writeState(out);
        FeatureState.writeTouched(globalValue, touched, out);
        globalValue.writeState(out);
    }

    /** Reads what {@link #writeGlobal} wrote into new global states (a change set's replace the last ones). Under the write lock. */
    private void readGlobal(dev.flywheel.state.StateReader in) {
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

    /** This object's maps as a {@link FeatureStateSource}; read under the lock, users loaded first. */
    private class Maps implements FeatureStateSource {
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
    }

    /**
     * This object's maps as a source, for the writer's thread only (a test comparing other sources
     * with it): it decodes a restored user on first use without taking the lock.
     */
    public FeatureStateSource source() {
        return new Maps() {
            @Override
            public UserState user(String user) {
                users.load(user);
                return super.user(user);
            }
        };
    }
}
