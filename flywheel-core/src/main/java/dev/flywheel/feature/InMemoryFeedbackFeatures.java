package dev.flywheel.feature;

import dev.flywheel.decision.Decision;
import dev.flywheel.decision.ServedItem;
import dev.flywheel.event.Event;
import dev.flywheel.feature.FeatureValues.Name;
import dev.flywheel.outcome.Outcome;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Iterator;
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
    private final ItemFeedback global;
    /** Stands for every item, user topic and user without feedback yet; never updated. */
    private final ItemFeedback none;
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
    /** State updated since it was last compacted. */
    private final Set<Compactable> touched = Collections.newSetFromMap(new IdentityHashMap<>());
    private final Map<String, ItemFeedback> items = new HashMap<>();
    /** Per item, the values paid for it (only items a value-paid reaction touched), and over all items. */
    private final Map<String, ItemValue> values = new HashMap<>();
    private final ItemValue globalValue;
    private final UserStates users;
    /** Few impressions per (user, topic): a light prior, or a user's first like would not count. */
    private static final double USER_TOPIC_PRIOR = 5;
    private static final double USER_ITEM_PRIOR = 2;
    /** One pseudo-value of the global mean: a product's price is usually all its values say. */
    private static final double VALUE_PRIOR = 1;

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
        this.none = new ItemFeedback(settings.halfLife());
        this.globalValue = new ItemValue(settings.halfLife());
        this.users = new UserStates(settings.halfLife(), touched);
        this.termVectors = termVectors;
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
        item(item).impression(at);
        touch(global).impression(at);
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
        String role = settings.role(e.type());
        item(e.item()).reaction(role, e.timestamp());
        touch(global).reaction(role, e.timestamp());
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
        touch(globalValue).add(at, value);
        value(item).add(at, value);
        users.value(user, item).add(at, value);
    }

    /** Only ignores are taken from outcomes; {@code knownAt} is when its window closed. */
    @Override
    public void onOutcome(Outcome o, Instant knownAt) {
        if (!o.ignored()) return;
        lock.writeLock().lock();
        try {
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
            Instant at = answerable(newest != null && asked.isAfter(newest) ? newest : asked);
            ProfileSnapshot profile = profile(user, at);
            FeatureValues values = new FeatureValues();
            for (int i = 0; i < items.size(); i++) {
                String item = items.get(i);
                sink.accept(i, item, features(item, termVectors.apply(item), at, profile, values));
            }
        } finally {
            lock.readLock().unlock();
        }
    }

    private ProfileSnapshot profile(String user, Instant now) {
        UserProfile p = users.profileOf(user);
        Map<String, Double> profile = p == null ? Map.of() : p.at(now);
        TermWeights terms = new TermWeights(profile.size());
        double n = 0;
        double topicScale = 0;
        for (var e : profile.entrySet()) {
            terms.put(shapes.id(e.getKey()), e.getValue());
            n += e.getValue() * e.getValue();
            if (e.getKey().startsWith(TOPIC)) topicScale = Math.max(topicScale, Math.abs(e.getValue()));
        }
        return new ProfileSnapshot(terms, Math.sqrt(n), global.at(now), topicScale, users.seenOf(user),
                users.topicsOf(user), users.itemsOf(user));
    }

    /** Named feature values of {@code item} for {@code user} as of {@code now}, in a stable order. */
    public FeatureValues features(String user, String item, Map<String, Double> termVector, Instant now) {
        loadIfStored(user);
        lock.readLock().lock();
        try {
            Instant at = answerable(now);
            return features(item, termVector, at, profile(user, at), new FeatureValues());
        } finally {
            lock.readLock().unlock();
        }
    }

    /**
     * The same values with the user's profile already taken, written into {@code out} (every value is
     * set): a decision ranks many candidates with one profile and one {@link FeatureValues}.
     */
    private FeatureValues features(String item, Map<String, Double> termVector, Instant now, ProfileSnapshot profile,
                                   FeatureValues out) {
        FeedbackCounts c = items.getOrDefault(item, none).at(now);
        ItemFeedback.ItemRates r = ItemFeedback.rates(c, profile.global(), settings.priorStrength());
        SeenItems s = profile.seen();
        out.set(Name.ITEM_IMPRESSIONS, c.exposures());
        out.set(Name.ITEM_CLICKS, c.clicks());
        out.set(Name.ITEM_LIKES, c.likes());
        out.set(Name.ITEM_DISLIKES, c.dislikes());
        out.set(Name.ITEM_CLICK_RATE, r.click());
        out.set(Name.ITEM_LIKE_RATE, r.like());
        out.set(Name.ITEM_DISLIKE_RATE, r.dislike());
        ItemVectors.Shape shape = shapes.of(item, termVector);
        out.set(Name.USER_AFFINITY, profile.cosine(shape));
        out.set(Name.TOPIC_AFFINITY, profile.topicAffinity(shape));
        userTopicRates(profile.topics(), shape, now, profile.global(), out);
        userItemRate(profile.items(), item, now, out);
        out.set(Name.SEEN, s.wasShown(item, now) ? 1.0 : 0.0);
        out.set(Name.JUDGED, s.wasJudged(item, now) ? 1.0 : 0.0);
        out.set(Name.ELIGIBLE, s.eligible(item, now) ? 1.0 : 0.0);
        ItemValue paid = values.get(item);
        out.set(Name.ITEM_VALUE, paid == null ? 0 : paid.logRatio(now, globalValue, VALUE_PRIOR));
        return out;
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
            users.itemsOf(user).forEach((item, mine) -> {
                item(item).subtract(mine);
                touch(global).subtract(mine);
            });
            users.valuesOf(user).forEach((item, mine) -> {
                value(item).subtract(mine);
                touch(globalValue).subtract(mine);
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
            out.putInstant(newest).putInstant(compactedTo).putLong(compactionVisits);
            FeatureState.writeTouched(global, touched, out);
            global.writeState(out);
            FeatureState.writeTouched(globalValue, touched, out);
            globalValue.writeState(out);
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
            newest = in.getInstant();
            compactedTo = in.getInstant();
            compactionVisits = in.getLong();
            FeatureState.readTouched(global, touched, in);
            global.readState(in);
            FeatureState.readTouched(globalValue, touched, in);
            globalValue.readState(in);
            FeatureState.readMap(items, touched, in, () -> new ItemFeedback(settings.halfLife()), ItemFeedback::readState);
            FeatureState.readMap(values, touched, in, () -> new ItemValue(settings.halfLife()), ItemValue::readState);
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

    /** {@code t}, or the compaction horizon when {@code t} is before it (see {@link #compactedTo}). */
    private Instant answerable(Instant t) {
        return compactedTo != null && t.isBefore(compactedTo) ? compactedTo : t;
    }

    private void compactAll(Instant horizon) {
        if (compactedTo == null || horizon.isAfter(compactedTo)) compactedTo = horizon;
        users.loadTouched();
        Iterator<Compactable> it = touched.iterator();
        while (it.hasNext()) {
            compactionVisits++;
            Compactable c = it.next();
            c.compact(horizon);
            if (!c.holdsUpdates()) it.remove();
        }
    }

    /** This user's own history with the item, smoothed toward the user's rate on its topics. */
    private void userItemRate(Map<String, ItemFeedback> userItems, String item, Instant now, FeatureValues out) {
        ItemFeedback mine = userItems.get(item);
        double prior = out.get(Name.USER_TOPIC_LIKE_RATE);
        if (mine == null) {
            out.set(Name.USER_ITEM_IMPRESSIONS, 0.0);
            out.set(Name.USER_ITEM_LIKE_RATE, prior);
            return;
        }
        // one like in two showings says a lot, so the prior is light
        FeedbackCounts uc = mine.at(now);
        out.set(Name.USER_ITEM_IMPRESSIONS, uc.exposures());
        out.set(Name.USER_ITEM_LIKE_RATE, (uc.likes() + USER_ITEM_PRIOR * prior) / (uc.exposures() + USER_ITEM_PRIOR));
    }

    private void userTopicRates(Map<String, ItemFeedback> mine, ItemVectors.Shape item, Instant now, FeedbackCounts global,
                                FeatureValues out) {
        double like = 0;
        double dislike = 0;
        int n = 0;
        for (String term : item.topics()) {
            ItemFeedback.ItemRates r = mine.getOrDefault(term, none).rates(now, global, USER_TOPIC_PRIOR);
            like += r.like();
            dislike += r.dislike();
            n++;
        }
        ItemFeedback.ItemRates prior = n == 0 ? none.rates(now, global, USER_TOPIC_PRIOR) : null;
        out.set(Name.USER_TOPIC_LIKE_RATE, n == 0 ? prior.like() : like / n);
        out.set(Name.USER_TOPIC_DISLIKE_RATE, n == 0 ? prior.dislike() : dislike / n);
    }

    private String[] topics(String item) {
        return shapes.of(item, termVectors.apply(item)).topics();
    }

    private ItemFeedback item(String id) {
        return touch(items.computeIfAbsent(id, k -> new ItemFeedback(settings.halfLife())));
    }

    private ItemValue value(String item) {
        return touch(values.computeIfAbsent(item, k -> new ItemValue(settings.halfLife())));
    }

    /** Only the returned state is about to change; see {@link Compactable}. */
    private <T extends Compactable> T touch(T state) {
        touched.add(state);
        return state;
    }
}
