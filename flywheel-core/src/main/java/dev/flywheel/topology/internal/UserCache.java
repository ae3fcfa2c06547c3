package dev.flywheel.topology.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * A per-user value on a server, as the port answers it, kept for {@code ttl} by the injected clock,
 * for at most {@code maxEntries} users (least recently read go first). A decision sees a value as
 * published at most {@code ttl} ago. Thread-safe; a miss reads the port outside the lock.
 */
public final class UserCache<V> {
    private final Function<String, V> source;
    private final V absent;
    private final Clock clock;
    private final long ttlNanos;
    private final Map<String, Entry<V>> users;

    private record Entry<V>(V value, long loadedAt) { }

    /** @param absent what a user the port answers null for reads as */
    public UserCache(Function<String, V> source, V absent, Duration ttl, int maxEntries, Clock clock) {
        this.source = source;
        this.absent = absent;
        this.clock = clock;
        this.ttlNanos = ttl.toNanos();
        this.users = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Entry<V>> eldest) {
                return size() > maxEntries;
            }
        };
    }

    public V get(String user) {
        long now = nanos();
        synchronized (this) {
            Entry<V> e = users.get(user);
            if (e != null && now - e.loadedAt() < ttlNanos) return e.value();
        }
        V value = source.apply(user);
        if (value == null) value = absent;
        synchronized (this) {
            users.put(user, new Entry<>(value, now));
        }
        return value;
    }

    private long nanos() {
        Instant t = clock.instant();
        return t.getEpochSecond() * 1_000_000_000L + t.getNano();
    }
}
