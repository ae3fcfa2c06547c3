package dev.flywheel.feature;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flywheel.log.LogEntry;
import dev.flywheel.state.Resumption;
import dev.flywheel.state.StateReader;
import dev.flywheel.topology.LoopHistory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A loop's feedback features behind the catalog and the reward join, checkpointed at several cuts
 * (before and after compaction has folded updates) and resumed: the same state byte for byte, and
 * the same feature values for every user and item, as a run that never stopped.
 */
class FeaturesResumptionTest {
    @Test
    void resumedAtAnyCutTheFeaturesHoldAndAnswerTheSame() {
        List<LogEntry> log = dev.flywheel.topology.TopologyTestDriver.entries(LoopHistory.of(4, 500));
        FeaturePipeline straight = new FeaturePipeline();
        Resumption.feed(straight, log);
        assertTrue(straight.features.compactionVisits() > 0, "the history must be long enough to compact");
        for (int cut : new int[] {0, 40, log.size() / 3, log.size() / 2 + 3, log.size() - 1}) {
            Resumption.assertResumesExactly(FeaturePipeline::new, log, cut);
            FeaturePipeline before = new FeaturePipeline();
            Resumption.feed(before, log.subList(0, cut));
            FeaturePipeline resumed = new FeaturePipeline();
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
        FeaturePipeline before = new FeaturePipeline();
        Resumption.feed(before, log);
        byte[] written = Resumption.bytes(before);
        FeaturePipeline resumed = new FeaturePipeline();
        resumed.readState(new StateReader(written));
        int stored = resumed.features.storedUsers()[0];
        assertTrue(stored >= 10, "users held undecoded after the restore: " + stored);
        assertEquals(values(before, "u3"), values(resumed, "u3"));
        assertEquals(stored - 1, resumed.features.storedUsers()[0], "reading one user decodes that user only");
        org.junit.jupiter.api.Assertions.assertArrayEquals(written, Resumption.bytes(resumed));
    }

    private static List<String> values(FeaturePipeline p, String user) {
        List<String> items = new ArrayList<>();
        for (int i = 0; i <= 30; i++) items.add("a" + i);
        List<String> out = new ArrayList<>();
        p.features.read(user, LoopHistory.START.plus(Duration.ofDays(1)), items, (i, item, v) -> out.add(item + " " + v));
        return out;
    }
}
