package dev.flywheel.topology;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flywheel.event.Event;
import dev.flywheel.feature.InMemoryFeedbackFeatures;
import dev.flywheel.model.CollaborativeLearner;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The learner took 2.4 s for 25,000 history events, 31 s for 100,000 and 175 s for 204,000: its work
 * per event grew with the history (a pass over every item and user per minute of event time, a scan
 * of every remembered id per advance, a retraining per day of event time). The work is counted here,
 * not timed: for a history four times longer at the same rate, compaction visits and remembered ids
 * per event stay flat and batch trainings grow by a constant (a geometric schedule).
 */
class LearnerWorkTest {
    record Work(long events, long compactionVisits, long remembered, long trainings, long trainedRows, long interactions) { }

    @Test
    void theLearnersWorkPerEventDoesNotGrowWithTheHistory() {
        Work small = replay(20_000);
        Work large = replay(80_000);
        System.out.println(small + "\n" + large);
        double perEventSmall = (double) small.compactionVisits() / small.events();
        double perEventLarge = (double) large.compactionVisits() / large.events();
        assertTrue(perEventLarge < 1.3 * perEventSmall, "compaction visits per event " + perEventSmall + " → " + perEventLarge);
        assertTrue(large.remembered() < 1.3 * small.remembered(), "ids the join remembers " + small.remembered() + " → " + large.remembered());
        // growth 25 %: four times the interactions is log(4)/log(1.25) ≈ 6.2 more trainings
        assertTrue(large.trainings() - small.trainings() <= 8, "trainings " + small.trainings() + " → " + large.trainings());
        // and a geometric series reads at most 1/(1 − 1/1.25) = 5 times the interactions in all (+1 for the last)
        assertTrue(large.trainedRows() <= 6 * large.interactions(), "rows read by trainings " + large.trainedRows());
    }

    /** A history at one rating a minute: an impression, and a like when the item is of the user's group. */
    private static Work replay(int events) {
        TopologyTestDriver d = TopologyTestDriver.of(List.of(Map.of("name", "history",
                "reward", Map.of("weights", Map.of("like", 1, "dislike", -1)),
                "candidates", Map.of("consumed", List.of("impression", "like", "dislike")))));
        SplittableRandom r = new SplittableRandom(3);
        Instant t = Instant.parse("2018-01-01T00:00:00Z");
        List<Event> chunk = new ArrayList<>();
        int n = 0;
        while (n < events) {
            t = t.plusSeconds(60);
            int user = r.nextInt(500);
            int item = r.nextDouble() < 0.8 ? user % 10 + 10 * r.nextInt(30) : r.nextInt(300);
            chunk.add(new Event("e" + n++, "impression", t, "u" + user, null, null, null, "i" + item, null, null));
            if (item % 10 == user % 10) chunk.add(new Event("e" + n++, "like", t, "u" + user, null, null, null, "i" + item, null, null));
            if (chunk.size() >= 1000) {
                d.pipe(chunk);
                chunk.clear();
            }
        }
        d.pipe(chunk);
        LoopRuntime loop = d.topology().loop("history");
        CollaborativeLearner c = loop.model().collaborative();
        return new Work(n, ((InMemoryFeedbackFeatures) loop.features()).compactionVisits(), d.topology().joinRemembered(),
                c.trainings(), c.trainedRows(), c.interactions());
    }
}
