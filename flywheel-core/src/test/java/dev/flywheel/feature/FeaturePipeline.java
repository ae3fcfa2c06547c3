package dev.flywheel.feature;

import dev.flywheel.catalog.Catalog;
import dev.flywheel.catalog.CatalogFeed;
import dev.flywheel.log.LogConsumer;
import dev.flywheel.log.LogEntry;
import dev.flywheel.loop.RewardSpec;
import dev.flywheel.outcome.OutcomeFeed;
import dev.flywheel.state.IncrementalState;
import dev.flywheel.state.StateReader;
import dev.flywheel.state.StateWriter;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A loop's features behind the catalog and the reward join, checkpointed as the Flink job does: the
 * catalog whole, the join and the features whole ({@link #writeState}) or as change sets. For the
 * features' resumption tests.
 */
final class FeaturePipeline implements LogConsumer, IncrementalState {
    static final RewardSpec REWARD = new RewardSpec(Map.of("like", 1.0, "click", 0.1, "dislike", -1.0),
            0, 0, 60, Duration.ofMinutes(30));

    /** Replaced by each change set's (the catalog is small and written whole); the features read it through this field. */
    Catalog catalog = new Catalog();
    CatalogFeed catalogFeed = new CatalogFeed(catalog);
    final InMemoryFeedbackFeatures features = new InMemoryFeedbackFeatures(Duration.ofHours(2), 20,
            item -> catalog.get(item).map(e -> e.vector().asMap()).orElse(Map.of()));
    final FeatureFeed feed = new FeatureFeed("feed", features, REWARD.window());
    final OutcomeFeed join = new OutcomeFeed(Map.of("feed", REWARD), List.of(feed::onOutcome), u -> { });

    @Override
    public void accept(LogEntry e) {
        catalogFeed.accept(e);
        join.accept(e);
        feed.accept(e);
    }

    @Override
    public String stateName() {
        return "pipeline";
    }

    @Override
    public void writeState(StateWriter out) {
        catalogFeed.writeState(out);
        join.writeState(out);
        feed.writeState(out);
    }

    @Override
    public void readState(StateReader in) {
        catalogFeed.readState(in);
        join.readState(in);
        feed.readState(in);
    }

    @Override
    public void trackChanges() {
        join.trackChanges();
        feed.trackChanges();
    }

    @Override
    public void writeChanges(StateWriter out) {
        catalogFeed.writeState(out);
        join.writeChanges(out);
        feed.writeChanges(out);
    }

    @Override
    public void dropChanges() {
        join.dropChanges();
        feed.dropChanges();
    }

    @Override
    public void readChanges(StateReader in) {
        catalog = new Catalog();
        catalogFeed = new CatalogFeed(catalog);
        catalogFeed.readState(in);
        join.readChanges(in);
        feed.readChanges(in);
    }
}
