package dev.flywheel.feature;

import dev.flywheel.decision.Decision;
import dev.flywheel.decision.ServedItem;
import dev.flywheel.event.Event;
import dev.flywheel.outcome.Outcome;
import java.time.Duration;
import java.time.Instant;
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
 * What an update changes is decided here; the state, its bytes and its change records are kept in
 * {@link FeatureMaps}.
 */
public final class InMemoryFeedbackFeatures implements FeedbackFeatures {
    private static final String IMPRESSION = "impression";
    private static final Set<String> JUDGEMENTS = Set.of("like", "dislike", "rating", "dismiss");

    private final FeatureSettings settings;
    private final Function<String, Map<String, Double>> termVectors;
    private final ItemVectors shapes = new ItemVectors();
    private final ReadWriteLock lock = new ReentrantReadWriteLock();
    /** Guarded by the lock. */
    private final FeatureMaps maps;
    private final UserStates users;
    /** The read path, over the maps. */
    private final FeatureReads reads;

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
        this.maps = new FeatureMaps(settings);
        this.users = maps.users;
        this.termVectors = termVectors;
        this.reads = new FeatureReads(settings, termVectors, maps, shapes);
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

    private void impression(String user, String name, Instant at) {
        String item = maps.itemId(name);
        maps.saw(at);
        maps.changed(user, item);
        maps.itemCounts(item).impression(at);
        maps.globalCounts().impression(at);
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
        String item = maps.itemId(e.item());
        maps.saw(e.timestamp());
        maps.changed(e.user(), item);
        String role = settings.role(e.type());
        maps.itemCounts(item).reaction(role, e.timestamp());
        maps.globalCounts().reaction(role, e.timestamp());
        for (String topic : topics(item)) users.topic(e.user(), topic).reaction(role, e.timestamp());
        users.item(e.user(), item).reaction(role, e.timestamp());
        if (JUDGEMENTS.contains(role)) users.seen(e.user()).judged(item, "dislike".equals(role), e.timestamp());
        if (settings.valueTypes().contains(e.type()) && e.value() != null && e.value() > 0) {
            paid(e.user(), item, e.value(), e.timestamp());
        }
        double w = switch (role) {
            case "like" -> UserProfile.LIKE;
            case "dislike" -> UserProfile.DISLIKE;
            default -> 0;
        };
        if (w != 0) users.profile(e.user()).add(termVectors.apply(e.item()), w, e.timestamp());
    }

    private void paid(String user, String item, double value, Instant at) {
        maps.globalValue().add(at, value);
        maps.itemValue(item).add(at, value);
        users.value(user, item).add(at, value);
    }

    /** Only ignores are taken from outcomes; {@code knownAt} is when its window closed. */
    @Override
    public void onOutcome(Outcome o, Instant knownAt) {
        if (!o.ignored()) return;
        lock.writeLock().lock();
        try {
            maps.changedUser(o.user());
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
            maps.changed(user, null);
            users.itemsOf(user).forEach((item, mine) -> {
                maps.changed(null, item);
                maps.itemCounts(item).subtract(mine);
                maps.globalCounts().subtract(mine);
            });
            users.valuesOf(user).forEach((item, mine) -> {
                maps.changed(null, item);
                maps.itemValue(item).subtract(mine);
                maps.globalValue().subtract(mine);
            });
            users.remove(user);
        } finally {
            lock.writeLock().unlock();
        }
    }

    @Override
    public void writeState(dev.flywheel.state.StateWriter out) {
        underRead(() -> maps.writeState(out));
    }

    @Override
    public void readState(dev.flywheel.state.StateReader in) {
        underWrite(() -> maps.readState(in));
    }

    /** Bounds memory: values before {@code horizon} can no longer be asked for. */
    @Override
    public void compact(Instant horizon) {
        underWrite(() -> maps.compact(horizon));
    }

    /** State visits by compaction so far: its work, for accounting. */
    public long compactionVisits() {
        return underRead(() -> maps.compactionVisits());
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
        return underRead(() -> new int[] {users.storedUsers(), users.storedUsersToCompact()});
    }

    private String[] topics(String item) {
        return shapes.of(item, termVectors.apply(item)).topics();
    }

    @Override
    public void trackChanges() {
        underWrite(() -> maps.trackChanges());
    }

    /**
     * The keys changed since the last drain (or since tracking began), each with its state's bytes
     * now; a forgotten user's bytes are null. Call it on the writer's thread, between updates.
     */
    @Override
    public List<FeatureStateChange> drainChanges(String loop, long seq, boolean afterIdle) {
        return underRead(() -> maps.drainChanges(loop, seq, afterIdle));
    }

    @Override
    public void trackStateChanges() {
        underWrite(() -> maps.trackStateChanges());
    }

    /**
     * The header and the global states as {@link #writeState} writes them, then each key changed
     * since the last change set (in key order) with its state now or as removed. On the writer's thread.
     */
    @Override
    public void writeStateChanges(dev.flywheel.state.StateWriter out) {
        underRead(() -> maps.writeStateChanges(out));
    }

    @Override
    public void dropStateChanges() {
        maps.dropStateChanges();
    }

    /** Applies what {@link #writeStateChanges} wrote over the state read so far. */
    @Override
    public void readStateChanges(dev.flywheel.state.StateReader in) {
        underWrite(() -> maps.readStateChanges(in));
    }

    /**
     * The state as a source, for the writer's thread only (a test comparing other sources with it):
     * it decodes a restored user on first use without taking the lock.
     */
    public FeatureStateSource source() {
        return new FeatureStateSource() {
            @Override
            public GlobalState global() {
                return maps.global();
            }

            @Override
            public ItemState item(String item) {
                return maps.item(item);
            }

            @Override
            public UserState user(String user) {
                users.load(user);
                return maps.user(user);
            }
        };
    }

    /** {@code f} under the read lock. */
    private <T> T underRead(java.util.function.Supplier<T> f) {
        lock.readLock().lock();
        try {
            return f.get();
        } finally {
            lock.readLock().unlock();
        }
    }

    private void underRead(Runnable r) {
        underRead(() -> {
            r.run();
            return null;
        });
    }

    private void underWrite(Runnable r) {
        lock.writeLock().lock();
        try {
            r.run();
        } finally {
            lock.writeLock().unlock();
        }
    }
}
