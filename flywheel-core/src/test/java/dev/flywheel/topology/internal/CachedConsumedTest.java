package dev.flywheel.topology.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flywheel.time.ManualClock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A user's consumed items are read once per ttl by the injected clock, kept for at most so many users, and compared with the asked time. */
class CachedConsumedTest {
    private static final Instant T = Instant.parse("2026-03-01T12:00:00Z");
    private final Map<String, Map<String, Instant>> published = new HashMap<>();
    private final Map<String, Integer> reads = new HashMap<>();

    private final ManualClock clock = new ManualClock(T);

    private CachedConsumed cache(int maxEntries) {
        return new CachedConsumed(user -> {
            reads.merge(user, 1, Integer::sum);
            return published.get(user);
        }, Duration.ofSeconds(1), maxEntries, clock);
    }

    @Test
    void aUsersItemsAreReadOncePerTtlAndAnsweredAsOfTheAskedTime() {
        CachedConsumed c = cache(10);
        published.put("u", Map.of("a", T.minusSeconds(60)));
        assertTrue(c.consumed("u", "a", T));
        assertFalse(c.consumed("u", "a", T.minusSeconds(61)), "consumed later than asked");
        assertFalse(c.consumed("u", "b", T));
        published.put("u", Map.of("a", T.minusSeconds(60), "b", T.minusSeconds(1)));
        clock.set(T.plusMillis(999));
        assertFalse(c.consumed("u", "b", T), "within the ttl the items read are used");
        assertEquals(1, reads.get("u"));
        clock.set(T.plusSeconds(1));
        assertTrue(c.consumed("u", "b", T), "after it the newest are read");
        assertEquals(2, reads.get("u"));
        assertFalse(c.consumed("nobody", "a", T), "a user without items (null from the port) consumed nothing");
        assertFalse(c.consumed("nobody", "a", T));
        assertEquals(1, reads.get("nobody"), "and that is cached too");
    }

    @Test
    void atMostMaxEntriesUsersAreKeptLeastRecentlyReadFirstOut() {
        CachedConsumed c = cache(2);
        c.consumed("u1", "a", T);
        c.consumed("u2", "a", T);
        c.consumed("u1", "a", T);
        c.consumed("u3", "a", T);
        c.consumed("u1", "a", T);
        c.consumed("u2", "a", T);
        assertEquals(Map.of("u1", 1, "u2", 2, "u3", 1), reads);
    }
}
