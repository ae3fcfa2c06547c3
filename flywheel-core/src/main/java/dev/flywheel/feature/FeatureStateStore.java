package dev.flywheel.feature;

import java.time.Duration;
import java.util.List;

/**
 * The port to where the distributed shape keeps every loop's feature state by key: the Flink job
 * writes the keys that changed ({@link FeedbackFeatures#drainChanges}), servers read through
 * {@link #source}. A write keeps, per key, the state of the newest position: writing a change again,
 * or an older one (a job restored from a checkpoint emits its states again), changes nothing.
 */
public interface FeatureStateStore extends AutoCloseable {
    /** Stores each change whose position is newer than the one its key holds, in one transaction. */
    void upsert(List<FeatureStateChange> changes);

    /** Reads of {@code loop}'s state, decoded for a loop whose features decay with {@code halfLife}. */
    FeatureStateSource source(String loop, Duration halfLife);

    @Override
    default void close() { }
}
