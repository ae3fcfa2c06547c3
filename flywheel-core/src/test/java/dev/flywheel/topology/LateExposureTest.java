package dev.flywheel.topology;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flywheel.event.Event;
import dev.flywheel.event.LoggedRecord;
import dev.flywheel.feature.InMemoryFeedbackFeatures;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Regression: an impression stamped before the features' compaction horizon (a product's old
 * history arriving after newer traffic, or a client that resends an old batch) made the learned
 * ranker ask the features about a time they no longer keep; the read threw, the stream runner
 * stopped on that entry and the engine could not start again (found by CrashRecoveryTest, whose
 * writers start each round's event times over). The features now answer such a read as of the
 * earliest time they still keep.
 */
class LateExposureTest {
    @Test
    void anImpressionOlderThanTheCompactedHistoryIsLearnedFromWithoutStoppingTheStream() {
        TopologyTestDriver driver = TopologyTestDriver.of(List.of(Map.of("name", "feed", "collaborative", Map.of("enabled", false))));
        List<LoggedRecord> history = LoopHistory.of(5, 300);
        driver.pipe(history);
        InMemoryFeedbackFeatures features = (InMemoryFeedbackFeatures) driver.topology().loop("feed").features();
        assertTrue(features.compactionVisits() > 0, "the history must be long enough to compact");
        long trained = driver.topology().loop("feed").model().ranker().trained();
        Instant old = LoopHistory.START.plusSeconds(30);
        driver.pipe(new Event("old-1", "impression", old, "u1", null, null, "feed", "a3", null, null),
                new Event("old-2", "like", old, "u1", null, null, "feed", "a3", null, null));
        driver.idle();
        assertTrue(driver.topology().loop("feed").model().ranker().trained() > trained, "the stream went on and trained");
        Instant newest = LoopHistory.START.plus(Duration.ofDays(1));
        List<String> asOld = new java.util.ArrayList<>();
        List<String> asHorizon = new java.util.ArrayList<>();
        features.read("u1", old, List.of("a3", "a4"), (i, item, v) -> asOld.add(v.toString()));
        features.read("u1", LoopHistory.START.minus(Duration.ofDays(3)), List.of("a3", "a4"), (i, item, v) -> asHorizon.add(v.toString()));
        assertEquals(asHorizon, asOld, "any time before the horizon is answered as of the horizon");
        List<String> now = new java.util.ArrayList<>();
        features.read("u1", newest, List.of("a3", "a4"), (i, item, v) -> now.add(v.toString()));
        assertTrue(!now.equals(asOld), "a read after the horizon still sees its own time");
    }
}
