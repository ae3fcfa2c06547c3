/**
 * Features: aggregates of feedback kept up to date as decisions, events and outcomes arrive (decayed
 * counts, smoothed rates, user term affinities, seen and judged items). Contract: point-in-time
 * correct — a value asked for time t uses only updates stamped at or before t, whatever order they
 * arrived in (and a time later than the newest feedback is answered as of it) — and pure: time is
 * always passed in, never read from a clock. {@link dev.flywheel.feature.FeedbackFeatures} is the port
 * rankers read through; {@link dev.flywheel.feature.ConsumedItems} says what a user may not be
 * offered again. The ranking inputs of each served item are kept as of its decision in a
 * {@link dev.flywheel.feature.FeatureLog} (written once, never recomputed) for training snapshots and
 * time travel.
 *
 * <p>Reads go through {@link dev.flywheel.feature.FeatureReads} over a
 * {@link dev.flywheel.feature.FeatureStateSource} (the state by key: global, item, user); the embedded
 * features read their own maps through it, servers of the distributed shape a
 * {@link dev.flywheel.feature.FeatureStateStore} through {@link dev.flywheel.feature.CachedFeatureStates}.
 * From the same states every source answers the same values. The features' change feed
 * ({@link dev.flywheel.feature.FeedbackFeatures#drainChanges}) hands on every key whose state changed
 * since the last drain, in {@link dev.flywheel.feature.KeyedStates}' bytes (a user's are a checkpoint's);
 * {@link dev.flywheel.feature.ConsumedItems#drainChanges} does the same for the users who consumed
 * something. With the learner states, catalog entries and applied offsets they make one
 * {@link dev.flywheel.feature.ServingStateBatch}, which a store writes at once
 * ({@link dev.flywheel.feature.FeatureStateStore#publish}) and servers read back through
 * {@code topology.ServingState}; a state published again at an older position changes nothing.
 */
package dev.flywheel.feature;
