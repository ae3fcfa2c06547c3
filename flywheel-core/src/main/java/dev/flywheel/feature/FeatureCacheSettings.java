package dev.flywheel.feature;

import dev.flywheel.config.ConfigException;
import dev.flywheel.config.ConfigTree;
import java.time.Duration;
import java.util.Map;
import java.util.Set;

/**
 * How a server caches the feature state it reads from the store ({@link CachedFeatureStates}),
 * section {@code feature_cache}.
 *
 * @param ttl        how long a key's state is served before it is read again: what the cache adds
 *                   to the staleness of a read (the job's flush interval is the rest)
 * @param maxEntries the most keys kept; the least recently read go first
 */
public record FeatureCacheSettings(Duration ttl, int maxEntries) {
    public static final FeatureCacheSettings DEFAULTS = new FeatureCacheSettings(Duration.ofSeconds(1), 100_000);
    private static final Set<String> KEYS = Set.of("ttl", "max_entries");

    public FeatureCacheSettings {
        if (ttl == null || ttl.isNegative()) throw new ConfigException("feature_cache.ttl", "must be zero or positive, got " + ttl);
        if (maxEntries < 1) throw new ConfigException("feature_cache.max_entries", "must be at least 1, got " + maxEntries);
    }

    /** The section's values ({@code ttl: 1s, max_entries: 100000}), every key optional. */
    public static FeatureCacheSettings from(Map<String, ?> section) {
        return from(new ConfigTree("feature_cache", section));
    }

    /** The same, from the config's {@code feature_cache:} section. */
    public static FeatureCacheSettings from(ConfigTree t) {
        t.only(KEYS);
        return new FeatureCacheSettings(t.duration("ttl", DEFAULTS.ttl()),
                t.integer("max_entries", DEFAULTS.maxEntries(), 1, Integer.MAX_VALUE));
    }
}
