package dev.flywheel.feature;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * A local cache over any {@link FeatureStateSource}: a key's state, once read, is served for
 * {@code ttl} (by the injected clock) before it is read again, and at most {@code maxEntries} keys
 * are kept (least recently read go first). Keys without state are cached too, or every unknown
 * candidate would reach the store.
 *
 * <p>Staleness: a read through the cache sees a key's state as the store held it at most
 * {@code ttl} ago; the store holds what the job flushed, at most its flush interval after the entry
 * that changed it. So a value is at most flush interval + ttl (+ the write's own time) old.
 *
 * <p>Thread-safe: reads from many decide threads; a miss reads the source outside the lock (two
 * threads may both read a key that neither had).
 */
public final class CachedFeatureStates implements FeatureStateSource {
    private static final Object NONE = new Object();
    private final FeatureStateSource source;
    private final Clock clock;
    private final long ttlNanos;
    private final Map<FeatureKey, Entry> entries;

    private record Entry(Object state, long loadedAt) { }

    public CachedFeatureStates(FeatureStateSource source, FeatureCacheSettings settings, Clock clock) {
        this.source = source;
        this.clock = clock;
        this.ttlNanos = settings.ttl().toNanos();
        int max = settings.maxEntries();
        this.entries = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<FeatureKey, Entry> eldest) {
                return size() > max;
            }
        };
    }

    @Override
    public GlobalState global() {
        return (GlobalState) get(FeatureKey.GLOBAL, source::global);
    }

    @Override
    public ItemState item(String item) {
        return (ItemState) get(FeatureKey.item(item), () -> source.item(item));
    }

    @Override
    public UserState user(String user) {
        return (UserState) get(FeatureKey.user(user), () -> source.user(user));
    }

    /** Keys held now, for tests and metrics. */
    public synchronized int size() {
        return entries.size();
    }

    private Object get(FeatureKey key, Supplier<Object> load) {
        long now = nanos();
        synchronized (this) {
            Entry e = entries.get(key);
            if (e != null && now - e.loadedAt < ttlNanos) return e.state == NONE ? null : e.state;
        }
        Object state = load.get();
        synchronized (this) {
            entries.put(key, new Entry(state == null ? NONE : state, now));
        }
        return state;
    }

    private long nanos() {
        java.time.Instant t = clock.instant();
        return t.getEpochSecond() * 1_000_000_000L + t.getNano();
    }
}
