package dev.flywheel.outcome;

import dev.flywheel.log.LogEntry;
import dev.flywheel.state.Resumption;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

/**
 * The reward join checkpointed as a base and change sets at random cuts of shuffled arrivals (early
 * feedback, duplicates, late feedback, exposures): restored at every cut it writes the state of the
 * join that wrote them, byte for byte, and resumed it ends where the join that never stopped does.
 */
class JoinChangeSetsTest {
    @Property(tries = 200, seed = "20261202")
    void aBaseAndChangeSetsRestoreTheJoinExactly(@ForAll long seed) {
        List<LogEntry> entries = OutcomeFeedResumptionTest.arrivals(seed);
        Random r = new Random(seed);
        int[] cuts = new int[1 + r.nextInt(5)];
        for (int i = 0; i < cuts.length; i++) cuts[i] = r.nextInt(entries.size() + 1);
        java.util.Arrays.sort(cuts);
        Resumption.assertChangeSetsRestoreExactly(() -> OutcomeFeedResumptionTest.feed(new ArrayList<>(), new ArrayList<>()),
                entries, cuts, (join, i) -> {
                    if (i == cuts.length - 1) join.closeOpenWindows(); // an idle closes every window between checkpoints
                });
    }
}
