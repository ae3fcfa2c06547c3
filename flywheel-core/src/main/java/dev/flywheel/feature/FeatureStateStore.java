package dev.flywheel.feature;

import java.time.Duration;
import java.util.List;

/**
 * The port to where the distributed shape keeps the serving state: every loop's feature state by
 * key, and with {@link #publish} the rest of what servers read ({@code topology.ServingState}). The
 * Flink job writes the keys that changed ({@link FeedbackFeatures#drainChanges}), servers read through
 * {@link #source}. A write keeps, per key, the state of the newest position: writing a change again,
 * or an older one (a job restored from a checkpoint emits its states again), changes nothing.
 */
public interface FeatureStateStore extends AutoCloseable {
    /** Stores each change whose position is newer than the one its key holds, in one transaction. */
    void upsert(List<FeatureStateChange> changes);

    /**
     * Stores a drained batch in one transaction: each state newer than its key's, each catalog entry
     * once (by seq), then each partition's offset when higher than the one held. This default keeps
     * feature states alone and refuses a batch with more.
     */
    default void publish(ServingStateBatch batch) {
        if (!batch.featuresOnly()) {
            throw new UnsupportedOperationException(getClass().getSimpleName() + " keeps feature states only");
        }
        upsert(batch.features());
    }

    /** Reads of {@code loop}'s state, decoded for a loop whose features decay with {@code halfLife}. */
    FeatureStateSource source(String loop, Duration halfLife);

    @Override
    default void close() { }
}
