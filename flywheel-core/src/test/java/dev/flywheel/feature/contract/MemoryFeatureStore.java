package dev.flywheel.feature.contract;

import dev.flywheel.feature.FeatureKey;
import dev.flywheel.feature.FeatureStateChange;
import dev.flywheel.feature.FeatureStateSource;
import dev.flywheel.feature.FeatureStateStore;
import dev.flywheel.feature.KeyedStates;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A {@link FeatureStateStore} in a map of bytes, as a table would keep them: for tests of the change
 * feed and of what reads it, without a database. Counts the reads that reach it.
 */
public final class MemoryFeatureStore implements FeatureStateStore {
    private final Map<String, FeatureStateChange> rows = new ConcurrentHashMap<>();
    public final AtomicLong reads = new AtomicLong();

    @Override
    public synchronized void upsert(List<FeatureStateChange> changes) {
        for (FeatureStateChange c : changes) {
            rows.merge(c.loop() + "\u0000" + c.key(), c, (old, now) -> now.newerThan(old.seq(), old.afterIdle()) ? now : old);
        }
    }

    /** The change a key holds, or null. */
    public FeatureStateChange row(String loop, FeatureKey key) {
        return rows.get(loop + "\u0000" + key);
    }

    @Override
    public FeatureStateSource source(String loop, Duration halfLife) {
        return KeyedStates.source(halfLife, key -> bytes(loop, key));
    }

    private byte[] bytes(String loop, FeatureKey key) {
        reads.incrementAndGet();
        FeatureStateChange c = row(loop, key);
        return c == null ? null : c.bytes();
    }
}
