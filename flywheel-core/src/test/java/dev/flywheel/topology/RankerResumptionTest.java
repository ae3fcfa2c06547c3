package dev.flywheel.topology;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flywheel.log.LogConsumer;
import dev.flywheel.log.LogEntry;
import dev.flywheel.model.RankerLearner;
import dev.flywheel.state.Resumption;
import dev.flywheel.state.StateReader;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The learned ranker restored from a checkpoint in a topology whose other operators saw the same
 * entries (they are checkpointed on their own) learns on exactly as one that never stopped: the same
 * FTRL state, rows waiting for outcomes and value sums, byte for byte.
 */
class RankerResumptionTest {
    /**
     * Without collaborative models: their fold-in of a user's factors is cached on read, so a topology
     * whose ranker did not read during the prefix would differ there; they are restored on their own.
     */
    private static final Map<String, Object> LOOP = Map.of("name", "feed", "reward",
            Map.of("weights", Map.of("like", 1.0, "click", 0.1, "dislike", -1.0)), "collaborative", Map.of("enabled", false));

    private static Topology topology() {
        return TopologyTestDriver.of(List.of(LOOP)).topology();
    }

    private static RankerLearner ranker(Topology t) {
        return t.loop("feed").model().ranker();
    }

    /** Every entry through every operator, but the ranker only when {@code withRanker}. */
    private static void run(Topology t, List<LogEntry> entries, boolean withRanker) {
        RankerLearner ranker = ranker(t);
        for (LogEntry e : entries) {
            for (LogConsumer op : t.operators()) if (withRanker || op != ranker) op.accept(e);
        }
        t.operators().forEach(LogConsumer::flush);
    }

    @Test
    void theRankerRestoredAtAnyCutLearnsOnAsIfItNeverStopped() {
        List<LogEntry> log = TopologyTestDriver.entries(LoopHistory.of(9, 600));
        Topology straight = topology();
        run(straight, log, true);
        assertTrue(ranker(straight).trained() > 500, "the history must train the ranker: " + ranker(straight).trained());
        for (int cut : new int[] {0, 31, log.size() / 3, log.size() / 2 + 7, log.size() - 1}) {
            Topology before = topology();
            run(before, log.subList(0, cut), true);
            Topology resumed = topology();
            run(resumed, log.subList(0, cut), false);
            ranker(resumed).readState(new StateReader(Resumption.bytes(ranker(before))));
            run(resumed, log.subList(cut, log.size()), true);
            assertArrayEquals(Resumption.bytes(ranker(straight)), Resumption.bytes(ranker(resumed)), "cut at " + cut);
        }
    }
}
