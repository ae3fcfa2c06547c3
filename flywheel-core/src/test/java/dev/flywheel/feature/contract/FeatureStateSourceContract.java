package dev.flywheel.feature.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flywheel.catalog.Catalog;
import dev.flywheel.catalog.CatalogFeed;
import dev.flywheel.feature.FeatureFeed;
import dev.flywheel.feature.FeatureReads;
import dev.flywheel.feature.FeatureSettings;
import dev.flywheel.feature.FeatureStateSource;
import dev.flywheel.feature.InMemoryFeedbackFeatures;
import dev.flywheel.log.LogEntry;
import dev.flywheel.loop.RewardSpec;
import dev.flywheel.outcome.OutcomeFeed;
import dev.flywheel.topology.LoopHistory;
import dev.flywheel.topology.TopologyTestDriver;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * What every {@link FeatureStateSource} must do: answer, key by key, the state of the features it
 * follows, so that {@link FeatureReads} over it gives every user's and item's values exactly as the
 * features themselves do — after updates, compaction (which folds held updates) and a forgotten user.
 * The features are fed a seeded history through the catalog and the reward join; the source under
 * test is brought up to date after each chunk ({@link Follower#sync}).
 */
public abstract class FeatureStateSourceContract {
    protected static final String LOOP = "feed";
    /** Dwell values are paid values here, so the items' and users' paid values are followed too. */
    protected static final FeatureSettings SETTINGS = new FeatureSettings(Duration.ofHours(2), 20, Map.of(), Set.of("dwell"));
    private static final RewardSpec REWARD = new RewardSpec(Map.of("like", 1.0, "click", 0.1, "dislike", -1.0),
            0, 0, 60, Duration.ofMinutes(30));

    /** A source under test that follows the state of some features. */
    protected interface Follower {
        FeatureStateSource source();

        /** Brings the source up to the features' state now (called after the features changed). */
        void sync();
    }

    /** A source under test following {@code features}, which have had no update yet. */
    protected abstract Follower follow(InMemoryFeedbackFeatures features);

    /** The features of one loop behind the catalog and the reward join, as the topology feeds them. */
    public static final class Writer {
        final Catalog catalog = new Catalog();
        final CatalogFeed catalogFeed = new CatalogFeed(catalog);
        public final Function<String, Map<String, Double>> vectors =
                item -> catalog.get(item).map(e -> e.vector().asMap()).orElse(Map.of());
        public final InMemoryFeedbackFeatures features = new InMemoryFeedbackFeatures(SETTINGS, vectors);
        final FeatureFeed feed = new FeatureFeed(LOOP, features, REWARD.window());
        final OutcomeFeed join = new OutcomeFeed(Map.of(LOOP, REWARD), List.of(feed::onOutcome), u -> { });

        public void accept(LogEntry e) {
            catalogFeed.accept(e);
            join.accept(e);
            feed.accept(e);
        }
    }

    @Test
    void everyUsersAndItemsValuesReadThroughTheSourceEqualTheFeatures() {
        Writer w = new Writer();
        Follower f = follow(w.features);
        List<LogEntry> log = TopologyTestDriver.entries(LoopHistory.of(7, 400));
        for (int from = 0; from < log.size(); from += 97) {
            log.subList(from, Math.min(log.size(), from + 97)).forEach(w::accept);
            f.sync();
            if (from % (97 * 5) == 0) assertSameValues(w, f.source(), "after entry " + from);
        }
        assertTrue(w.features.compactionVisits() > 0, "the history must be long enough to compact");
        assertSameValues(w, f.source(), "at the end");
    }

    @Test
    void aForgottenUserHasNoStateAndItsShareLeavesTheItems() {
        Writer w = new Writer();
        Follower f = follow(w.features);
        TopologyTestDriver.entries(LoopHistory.of(8, 200)).forEach(w::accept);
        f.sync();
        assertNotNull(f.source().user("u3"));
        w.features.forget("u3");
        f.sync();
        assertNull(f.source().user("u3"));
        assertSameValues(w, f.source(), "after u3 was forgotten");
    }

    @Test
    void keysWithoutStateReadAsNone() {
        Writer w = new Writer();
        Follower f = follow(w.features);
        TopologyTestDriver.entries(LoopHistory.of(9, 20)).forEach(w::accept);
        f.sync();
        assertNull(f.source().item("never-shown"));
        assertNull(f.source().user("nobody"));
        assertNotNull(f.source().global());
        assertEquals(w.features.source().global().newest(), f.source().global().newest());
    }

    /** Every user's (and one unknown user's) values of every item (and an unknown one), now and mid-window. */
    private static void assertSameValues(Writer w, FeatureStateSource source, String when) {
        FeatureReads reads = new FeatureReads(SETTINGS, w.vectors, source);
        Instant newest = w.features.source().global().newest();
        List<String> items = new ArrayList<>();
        for (int i = 0; i <= 31; i++) items.add("a" + i);
        for (Instant at : new Instant[] {newest.plus(Duration.ofDays(1)), newest.minus(Duration.ofMinutes(10))}) {
            for (int u = 0; u <= 12; u++) {
                String user = "u" + u;
                assertEquals(values(w.features::read, user, at, items), values(reads::read, user, at, items),
                        when + ", " + user + " at " + at);
            }
        }
    }

    private interface Read {
        void read(String user, Instant at, List<String> items, dev.flywheel.feature.FeedbackFeatures.ItemValues sink);
    }

    private static List<Map<String, Double>> values(Read r, String user, Instant at, List<String> items) {
        List<Map<String, Double>> out = new ArrayList<>();
        r.read(user, at, items, (i, item, v) -> out.add(new LinkedHashMap<>(v)));
        return out;
    }
}
