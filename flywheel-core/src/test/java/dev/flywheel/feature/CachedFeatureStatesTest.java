package dev.flywheel.feature;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flywheel.config.ConfigException;
import dev.flywheel.feature.contract.FeatureStateSourceContract;
import dev.flywheel.feature.contract.MemoryFeatureStore;
import dev.flywheel.time.ManualClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The cache over a store the change feed writes: it follows the features once its entries expire
 * (the contract, the clock moved past the TTL at each sync), serves a key's state for the TTL and no
 * longer, and keeps at most its size.
 */
class CachedFeatureStatesTest extends FeatureStateSourceContract {
    private static final FeatureCacheSettings ONE_SECOND = new FeatureCacheSettings(Duration.ofSeconds(1), 1000);
    private final ManualClock clock = new ManualClock(Instant.parse("2026-12-01T00:00:00Z"));
    private final MemoryFeatureStore store = new MemoryFeatureStore();
    private long seq;

    @Override
    protected Follower follow(InMemoryFeedbackFeatures features) {
        features.trackChanges();
        CachedFeatureStates cache = new CachedFeatureStates(store.source(LOOP, SETTINGS.halfLife()), ONE_SECOND, clock);
        return new Follower() {
            @Override
            public FeatureStateSource source() {
                return cache;
            }

            @Override
            public void sync() {
                store.upsert(features.drainChanges(LOOP, ++seq, false));
                clock.advance(Duration.ofSeconds(1));
            }
        };
    }

    @Test
    void aKeyIsServedFromTheCacheForTheTtlThenReadAgain() {
        InMemoryFeedbackFeatures f = new InMemoryFeedbackFeatures(SETTINGS, item -> Map.of());
        f.trackChanges();
        CachedFeatureStates cache = new CachedFeatureStates(store.source(LOOP, SETTINGS.halfLife()), ONE_SECOND, clock);
        assertNull(cache.user("u"), "nothing stored yet");
        f.onEvent(new dev.flywheel.event.Event("e", "like", Instant.parse("2026-01-01T00:00:00Z"), "u", null, null, LOOP, "a", null, null));
        store.upsert(f.drainChanges(LOOP, 1, false));
        long before = store.reads.get();
        clock.advance(Duration.ofMillis(999));
        assertNull(cache.user("u"), "an absent key is cached for the TTL too");
        assertEquals(before, store.reads.get(), "served from the cache");
        clock.advance(Duration.ofMillis(1));
        assertNotNull(cache.user("u"), "read again once the TTL has passed");
        assertEquals(before + 1, store.reads.get());
    }

    @Test
    void theLeastRecentlyReadKeysGoFirst() {
        CachedFeatureStates cache = new CachedFeatureStates(store.source(LOOP, SETTINGS.halfLife()),
                new FeatureCacheSettings(Duration.ofMinutes(1), 3), clock);
        for (String item : List.of("a", "b", "c")) cache.item(item);
        cache.item("a");
        cache.item("d");
        assertEquals(3, cache.size());
        long before = store.reads.get();
        cache.item("a");
        assertEquals(before, store.reads.get(), "a was read recently: kept");
        cache.item("b");
        assertEquals(before + 1, store.reads.get(), "b was the least recently read: evicted");
    }

    @Test
    void badSettingsNameTheirKey() {
        ConfigException e = assertThrows(ConfigException.class, () -> FeatureCacheSettings.from(Map.of("max_entries", 0)));
        assertTrue(e.getMessage().contains("feature_cache.max_entries"), e.getMessage());
        e = assertThrows(ConfigException.class, () -> FeatureCacheSettings.from(Map.of("ttl", "soon")));
        assertTrue(e.getMessage().contains("feature_cache.ttl"), e.getMessage());
        assertEquals(new FeatureCacheSettings(Duration.ofMillis(250), 100_000), FeatureCacheSettings.from(Map.of("ttl", "250ms")));
    }
}
