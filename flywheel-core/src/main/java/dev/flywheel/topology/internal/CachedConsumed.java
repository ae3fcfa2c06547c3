package dev.flywheel.topology.internal;

import dev.flywheel.feature.ConsumedLookup;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.function.Function;

/**
 * A loop's consumed items on a server: each user's items, as the port answers them, cached per user
 * ({@link UserCache}: kept for {@code ttl}, at most {@code maxEntries} users).
 */
public final class CachedConsumed implements ConsumedLookup {
    private final UserCache<Map<String, Instant>> users;

    public CachedConsumed(Function<String, Map<String, Instant>> source, Duration ttl, int maxEntries, Clock clock) {
        this.users = new UserCache<>(user -> {
            Map<String, Instant> items = source.apply(user);
            return items == null ? null : Map.copyOf(items);
        }, Map.of(), ttl, maxEntries, clock);
    }

    @Override
    public boolean consumed(String user, String item, Instant at) {
        Instant when = users.get(user).get(item);
        return when != null && !when.isAfter(at);
    }
}
