package dev.flywheel.topology.internal;

import dev.flywheel.feature.FeatureCacheSettings;
import dev.flywheel.model.CollaborativeReads;
import dev.flywheel.model.InteractionHistory;
import dev.flywheel.model.PublishedCollaborative;
import dev.flywheel.topology.ServingState;
import java.time.Clock;

/**
 * A loop's collaborative inputs on a server, read over the port: the newest published models
 * ({@link PublishedValue}, decoded once per publication) and each user's latest interactions
 * ({@link UserCache}), both at most the cache's TTL older than what the operators published.
 */
public final class CachedCollaborative implements CollaborativeReads {
    private final PublishedValue<PublishedCollaborative> models;
    private final UserCache<InteractionHistory> histories;
    private final int maxUsers;

    public CachedCollaborative(String loop, ServingState state, FeatureCacheSettings cache, Clock clock) {
        this.models = new PublishedValue<>("loop " + loop + ": the published collaborative models",
                () -> state.collaborative(loop), PublishedCollaborative::fromBytes, null, clock, cache.ttl());
        this.histories = new UserCache<>(user -> state.history(loop, user), InteractionHistory.NONE, cache.ttl(),
                cache.maxEntries(), clock);
        this.maxUsers = cache.maxEntries();
    }

    @Override
    public PublishedCollaborative models() {
        return models.current().value();
    }

    @Override
    public InteractionHistory history(String user) {
        return histories.get(user);
    }

    @Override
    public int maxUsers() {
        return maxUsers;
    }
}
