package dev.flywheel.feature;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flywheel.log.LogEntry;
import dev.flywheel.state.Resumption;
import dev.flywheel.topology.LoopHistory;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A loop's features and the reward join behind the catalog, checkpointed as a base and change sets
 * (users forgotten between them, the servers' change feed drained at other times): restored at
 * every cut they write what the operators that never stopped write, byte for byte.
 */
class FeatureChangeSetsTest {
    @Test
    void aBaseAndChangeSetsRestoreTheStateOfTheOperatorsThatWroteThem() {
        List<LogEntry> log = dev.flywheel.topology.TopologyTestDriver.entries(LoopHistory.of(4, 500));
        int n = log.size();
        int[] cuts = {n / 10, n / 5, n / 5 + 1, n / 3, n / 2, (2 * n) / 3, (9 * n) / 10};
        List<String> forgotten = new ArrayList<>();
        List<FeaturePipeline> writer = new ArrayList<>();
        List<Integer> sizes = Resumption.assertChangeSetsRestoreExactly(FeaturePipeline::new, log, cuts, (p, i) -> {
            if (writer.isEmpty()) {
                writer.add(p);
                p.features.trackChanges(); // the servers' feed, drained on its own schedule
            }
            if (i % 2 == 1) p.features.drainChanges("feed", i, false);
            if (i == 2 || i == 4) {
                String user = "u" + (i + 1);
                p.features.forget(user);
                forgotten.add(user);
            }
        });
        FeaturePipeline p = writer.get(0);
        assertTrue(p.features.compactionVisits() > 0, "the history must be long enough to compact");
        assertEquals(List.of("u3", "u5"), forgotten);
        assertTrue(p.join.remembered() < n, "the join must have forgotten ids: " + p.join.remembered());
        // 12 users and 31 items: a tenth of the history changes nearly every key, one entry a few of them
        assertTrue(sizes.get(2) * 3 < sizes.get(1), "a change set costs what changed, not what is: " + sizes);
    }

    /** A user forgotten after the base and fed again after the change set that removed it. */
    @Test
    void aUserForgottenThenFedAgainRestoresAsWritten() {
        List<LogEntry> log = dev.flywheel.topology.TopologyTestDriver.entries(LoopHistory.of(9, 200));
        int n = log.size();
        Resumption.assertChangeSetsRestoreExactly(FeaturePipeline::new, log, new int[] {n / 4, n / 2, n / 2 + 30, (3 * n) / 4}, (p, i) -> {
            if (i == 1) for (int u = 0; u < 12; u += 2) p.features.forget("u" + u);
        });
    }

    /**
     * A change set writes a user drained since, and unchanged since, as the drain's bytes: drained
     * every 37 entries (between the change sets, so users change after a drain, are compacted, are
     * forgotten), the change sets are those of features whose feed is never drained, which encode
     * every user they write.
     */
    @Test
    void aChangeSetTakesTheDrainsBytesOnlyForUsersUnchangedSinceTheDrain() {
        List<LogEntry> log = dev.flywheel.topology.TopologyTestDriver.entries(LoopHistory.of(4, 500));
        FeaturePipeline drained = new FeaturePipeline();
        FeaturePipeline walked = new FeaturePipeline();
        drained.features.trackChanges();
        drained.trackChanges();
        walked.trackChanges();
        int sets = 0;
        for (int i = 0; i < log.size(); i++) {
            for (FeaturePipeline p : List.of(drained, walked)) {
                p.accept(log.get(i));
                if (i % 7 == 6) p.flush();
            }
            if (i % 37 == 36) drained.features.drainChanges("feed", i, false);
            if (i == log.size() / 2) {
                drained.features.forget("u2");
                walked.features.forget("u2");
            }
            if (i % 300 == 299) {
                sets++;
                org.junit.jupiter.api.Assertions.assertArrayEquals(Resumption.changes(walked), Resumption.changes(drained),
                        "the change set at entry " + i);
            }
        }
        assertTrue(sets >= 5, "too short a history: " + sets + " change sets");
        assertTrue(drained.features.compactionVisits() > 0, "the history must be long enough to compact");
    }
}
