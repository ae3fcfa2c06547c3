package dev.flywheel.topology.internal;

import dev.flywheel.feature.ConsumedLookup;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * A loop's consumed items on a server: each user's items, as the port answers them, kept for
 * {@code ttl} by the injected clock, at most {@code maxEntries} users (least recently read go first).
 * A decision sees what a user consumed as published at most {@code ttl} ago. Thread-safe; a miss reads
 * the port outside the lock.
 */
public final class CachedConsumed implements ConsumedLookup {
    private final Function<String, Map<String, Instant>> source;
    private final Clock clock;
    private final long ttlNanos;
    private final Map<String, Entry> users;

    private record Entry(Map<String, Instant> items, long loadedAt) { }

    public CachedConsumed(Function<String, Map<String, Instant>> source, java.time.Duration ttl, int maxEntries, Clock clock) {
        this.source = source;
        this.clock = clock;
        this.ttlNanos = ttl.toNanos();
        this.users = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Entry> eldest) {
                return size() > maxEntries;
            }
        };
    }

    @Override
    public boolean consumed(String user, String item, Instant at) {
        Instant when = items(user).get(item);
        return when != null && !when.isAfter(at);
    }

    private Map<String, Instant> items(String user) {
        long now = nanos();
        synchronized (this) {
            Entry e = users.get(user);
            if (e != null && now - e.loadedAt() < ttlNanos) return e.items();
        }
        Map<String, Instant> items = source.apply(user);
        items = items == null ? Map.of() : Map.copyOf(items);
        synchronized (this) {
            users.put(user, new Entry(items, now));
        }
        return items;
    }

    private long nanos() {
        Instant t = clock.instant();
        return t.getEpochSecond() * 1_000_000_000L + t.getNano();
    }
}
