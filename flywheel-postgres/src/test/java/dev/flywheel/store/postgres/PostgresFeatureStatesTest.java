package dev.flywheel.store.postgres;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.flywheel.feature.FeatureKey;
import dev.flywheel.feature.FeatureStateChange;
import dev.flywheel.feature.FeatureStateSource;
import dev.flywheel.feature.InMemoryFeedbackFeatures;
import dev.flywheel.feature.contract.FeatureStateSourceContract;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The features' change feed upserted into a real PostgreSQL and read back by key: the source contract, and newest-wins. */
class PostgresFeatureStatesTest extends FeatureStateSourceContract {
    private final Reopening db = new Reopening();
    private long seq;

    @Override
    protected Follower follow(InMemoryFeedbackFeatures features) {
        features.trackChanges();
        PostgresFeatureStates store = new PostgresFeatureStates(db.current());
        FeatureStateSource source = store.source(LOOP, SETTINGS.halfLife());
        return new Follower() {
            @Override
            public FeatureStateSource source() {
                return source;
            }

            @Override
            public void sync() {
                store.upsert(features.drainChanges(LOOP, ++seq, false));
            }
        };
    }

    /** A restored job emits older states again: the newer position stands, an idle counts after its entry. */
    @Test
    void anOlderPositionNeverReplacesANewerOne() {
        PostgresFeatureStates store = new PostgresFeatureStates(db.current());
        FeatureKey k = FeatureKey.user("u");
        store.upsert(List.of(new FeatureStateChange(LOOP, k, 10, true, new byte[] {1})));
        store.upsert(List.of(new FeatureStateChange(LOOP, k, 10, false, new byte[] {2}), new FeatureStateChange(LOOP, k, 9, true, null),
                new FeatureStateChange("other", k, 1, false, new byte[] {3})));
        assertArrayEquals(new long[] {10, 1}, store.position(LOOP, k));
        store.upsert(List.of(new FeatureStateChange(LOOP, k, 10, true, new byte[] {4})));
        assertArrayEquals(new long[] {10, 1}, store.position(LOOP, k));
        store.upsert(List.of(new FeatureStateChange(LOOP, k, 11, false, null)));
        assertArrayEquals(new long[] {11, 0}, store.position(LOOP, k));
        assertNull(store.source(LOOP, SETTINGS.halfLife()).user("u"), "a forgotten user's row holds no state");
        assertEquals(null, store.position(LOOP, FeatureKey.item("u")), "kinds are apart");
    }

    @AfterEach
    void closeDatabase() {
        db.close();
    }
}
