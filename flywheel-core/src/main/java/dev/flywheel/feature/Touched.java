package dev.flywheel.feature;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.function.BiConsumer;

/**
 * The state updated since it was last compacted, each with the key it belongs to (a state's
 * {@link Compactable#slot}: one instance of this class per features, which own their states):
 * compaction changes such a state's bytes, so a change feed must hand its key on again.
 *
 * <p>A compaction visits only what may hold an update at or before its horizon: what was updated since
 * the last one, and what waits in the minute of its oldest held update. Visiting every held state at
 * every compaction cost a third of the stream's time (docs/performance.md): the features compact once
 * a minute of event time and hold the last half hour. A state visited early finds nothing to fold and
 * stays as it was ({@link DecayedCount#compact}), so which states a pass visits never changes a value.
 */
final class Touched {
    private static final long BUCKET_MILLIS = 60_000;
    /** The bucket of a state updated since the last pass: in {@link #fresh}. */
    private static final long FRESH = Long.MIN_VALUE;
    private List<Compactable> fresh = new ArrayList<>();
    /** States that held updates after the last pass, by the minute of their oldest (a state's entry is live while its slot names the bucket). */
    private final TreeMap<Long, List<Compactable>> due = new TreeMap<>();

    static final class Slot {
        final FeatureKey owner;
        long bucket = FRESH;

        Slot(FeatureKey owner) {
            this.owner = owner;
        }
    }

    void add(Compactable c, FeatureKey owner) {
        Slot s = c.slot;
        if (s == null) {
            c.slot = new Slot(owner);
            fresh.add(c);
        } else if (s.bucket != FRESH) {
            // an update may be older than what the state held: it is visited at the next pass
            s.bucket = FRESH;
            fresh.add(c);
        }
    }

    boolean contains(Compactable c) {
        return c.slot != null;
    }

    void remove(Compactable c) {
        c.slot = null;
    }

    /**
     * Hands {@code compact} each state whose bytes this pass changes (it holds an update at or before
     * {@code horizon}, or no update any more), with its key; afterwards a state that still holds updates waits for the minute of its oldest, the others
     * are forgotten. Returns how many held an update at or before the horizon: a count that does not
     * depend on which states a pass visited early (a restored engine visits all it restored), so it can
     * be kept in a checkpoint.
     */
    long compact(Instant horizon, BiConsumer<Compactable, FeatureKey> compact) {
        long visits = 0;
        long h = horizon.toEpochMilli();
        List<Compactable> now = fresh;
        fresh = new ArrayList<>();
        for (Compactable c : now) visits += visit(c, FRESH, h, compact);
        NavigableMap<Long, List<Compactable>> ripe = due.headMap(Math.floorDiv(h, BUCKET_MILLIS), true);
        List<Map.Entry<Long, List<Compactable>>> buckets = new ArrayList<>(ripe.entrySet());
        ripe.clear(); // before the visits: a state may wait again in a bucket this pass has taken
        for (Map.Entry<Long, List<Compactable>> b : buckets) {
            for (Compactable c : b.getValue()) visits += visit(c, b.getKey(), h, compact);
        }
        return visits;
    }

    private int visit(Compactable c, long bucket, long horizonMillis, BiConsumer<Compactable, FeatureKey> compact) {
        Slot s = c.slot;
        if (s == null || s.bucket != bucket) return 0; // forgotten, or updated since and waiting elsewhere
        int folds = c.oldestHeldMillis() <= horizonMillis ? 1 : 0;
        // a state with nothing to fold that still waits stays as it was, bit for bit (its flag too):
        // handing it on would make every drain and change set write it again for nothing
        if (folds == 1 || !c.holdsUpdates()) compact.accept(c, s.owner);
        if (!c.holdsUpdates()) {
            c.slot = null;
            return folds;
        }
        s.bucket = Math.floorDiv(c.oldestHeldMillis(), BUCKET_MILLIS);
        due.computeIfAbsent(s.bucket, k -> new ArrayList<>()).add(c);
        return folds;
    }
}
