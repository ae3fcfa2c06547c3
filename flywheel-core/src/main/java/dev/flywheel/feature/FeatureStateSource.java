package dev.flywheel.feature;

/**
 * The port a feature read goes through ({@link FeatureReads}): a loop's state by key. The embedded
 * engine's features answer from their own maps; a server of the distributed shape from PostgreSQL,
 * through a cache ({@link CachedFeatureStates}). Returned states are read, never changed.
 */
public interface FeatureStateSource {
    /** The global state; never null (empty counts before any update). */
    GlobalState global();

    /** An item's state, or null when no feedback touched it. */
    ItemState item(String item);

    /** A user's own state, or null when the user has none (never fed, or forgotten). */
    UserState user(String user);
}
