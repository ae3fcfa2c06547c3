package dev.flywheel.feature;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flywheel.catalog.Catalog;
import dev.flywheel.catalog.CatalogFeed;
import dev.flywheel.log.LogConsumer;
import dev.flywheel.log.LogEntry;
import dev.flywheel.loop.RewardSpec;
import dev.flywheel.outcome.OutcomeFeed;
import dev.flywheel.state.OperatorState;
import dev.flywheel.state.Resumption;
import dev.flywheel.state.StateReader;
import dev.flywheel.state.StateWriter;
import dev.flywheel.topology.LoopHistory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A loop's feedback features behind the catalog and the reward join, checkpointed at several cuts
 * (before and after compaction has folded updates) and resumed: the same state byte for byte, and
 * the same feature values for every user and item, as a run that never stopped.
 */
class FeaturesResumptionTest {
    private static final RewardSpec REWARD = new RewardSpec(Map.of("like", 1.0, "click", 0.1, "dislike", -1.0),
            0, 0, 60, Duration.ofMinutes(30));

    static final class Pipeline implements LogConsumer, OperatorState {
        final Catalog catalog = new Catalog();
        final CatalogFeed catalogFeed = new CatalogFeed(catalog);
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
    }

    @Test
    void resumedAtAnyCutTheFeaturesHoldAndAnswerTheSame() {
        List<LogEntry> log = dev.flywheel.topology.TopologyTestDriver.entries(LoopHistory.of(4, 500));
        Pipeline straight = new Pipeline();
        Resumption.feed(straight, log);
        assertTrue(straight.features.compactionVisits() > 0, "the history must be long enough to compact");
        for (int cut : new int[] {0, 40, log.size() / 3, log.size() / 2 + 3, log.size() - 1}) {
            Resumption.assertResumesExactly(Pipeline::new, log, cut);
            Pipeline before = new Pipeline();
            Resumption.feed(before, log.subList(0, cut));
            Pipeline resumed = new Pipeline();
            resumed.readState(new StateReader(Resumption.bytes(before)));
            Resumption.feed(resumed, log.subList(cut, log.size()));
            for (int u = 0; u < 12; u++) assertEquals(values(straight, "u" + u), values(resumed, "u" + u), "cut " + cut + ", user u" + u);
        }
    }

    /**
     * A start must not build every user's counts: a restored user stays in the checkpoint's bytes until
     * first used (or compaction has to visit it), and is written back as it was read.
     */
    @Test
    void aRestoredUserIsDecodedOnlyWhenFirstUsed() {
        List<LogEntry> log = dev.flywheel.topology.TopologyTestDriver.entries(LoopHistory.of(4, 500));
        Pipeline before = new Pipeline();
        Resumption.feed(before, log);
        byte[] written = Resumption.bytes(before);
        Pipeline resumed = new Pipeline();
        resumed.readState(new StateReader(written));
        int stored = resumed.features.storedUsers()[0];
        assertTrue(stored >= 10, "users held undecoded after the restore: " + stored);
        assertEquals(values(before, "u3"), values(resumed, "u3"));
        assertEquals(stored - 1, resumed.features.storedUsers()[0], "reading one user decodes that user only");
        org.junit.jupiter.api.Assertions.assertArrayEquals(written, Resumption.bytes(resumed));
    }

    private static List<String> values(Pipeline p, String user) {
        List<String> items = new ArrayList<>();
        for (int i = 0; i <= 30; i++) items.add("a" + i);
        List<String> out = new ArrayList<>();
        p.features.read(user, LoopHistory.START.plus(Duration.ofDays(1)), items, (i, item, v) -> out.add(item + " " + v));
        return out;
    }
}
