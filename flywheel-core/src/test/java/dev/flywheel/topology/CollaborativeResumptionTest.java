package dev.flywheel.topology;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flywheel.event.LoggedRecord;
import dev.flywheel.log.LogConsumer;
import dev.flywheel.log.LogEntry;
import dev.flywheel.model.CollaborativeLearner;
import dev.flywheel.model.CollaborativeProbe;
import dev.flywheel.model.RankerLearner;
import dev.flywheel.state.OperatorState;
import dev.flywheel.state.Resumption;
import dev.flywheel.state.StateReader;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The collaborative learner restored from a checkpoint, in a topology whose other operators saw the
 * same entries, goes on as one that never stopped: the same interactions, trainings, models and
 * folded-in factors, byte for byte, and the same signals served. Models train in line with the
 * entries (the driver builds the topology for a replay), so both runs train at the same entries.
 *
 * <p>The ranker reads the learner's signals while it learns, and a read fills the learner's cache of
 * folded-in factors, which decides later reads. So the restored topology skips the ranker during the
 * prefix too and restores it as well: its rows would otherwise hold signals of an empty learner, and
 * the straight run's ranker reads the learner the whole way. The end compares both: a ranker that
 * learned the same proves the restored learner served the same signals after the cut.
 */
class CollaborativeResumptionTest {
    private static final Map<String, Object> FEED = Map.of("name", "feed",
            "reward", Map.of("weights", Map.of("like", 1.0, "click", 0.1, "dislike", -1.0)));
    private static final Map<String, Object> GUARDED = Map.of("name", "feed",
            "reward", Map.of("weights", Map.of("like", 1, "dislike", -1)),
            "quality", Map.of("enabled", true, "window", "1h", "min_impressions", 100));

    @Test
    void theLearnerRestoredAtAnyCutLearnsOnAsIfItNeverStopped() {
        List<LogEntry> log = TopologyTestDriver.entries(LoopHistory.of(9, 600));
        Topology straight = run(FEED, log, log.size(), false);
        assertTrue(collab(straight).trainings() > 5, "the history must train the models often: " + collab(straight).trainings());
        for (int cut : new int[] {0, 40, log.size() / 3, log.size() / 2 + 7, log.size() - 1}) {
            long trained = collab(run(FEED, log, cut, false)).trainings();
            if (cut == 40) assertEquals(0, trained, "before the first training");
            if (cut == log.size() / 3) assertTrue(trained > 0 && trained < collab(straight).trainings(), "between trainings: " + trained);
            assertResumes(FEED, log, cut, straight);
        }
        List<String> items = new ArrayList<>();
        for (int i = 0; i <= 30; i++) items.add("a" + i);
        Topology resumed = run(FEED, log, log.size() / 2 + 7, true);
        Instant end = LoopHistory.START.plus(Duration.ofDays(1));
        for (String user : List.of("u0", "u3", "u7", "u11")) {
            List<Double> expected = CollaborativeProbe.signals(collab(straight), user, end, items);
            assertFalse(expected.isEmpty(), user + " has signals");
            assertEquals(expected, CollaborativeProbe.signals(collab(resumed), user, end, items), user);
        }
    }

    @Test
    void aNamedBotStaysForgottenAfterARestore() {
        List<LoggedRecord> records = new ArrayList<>();
        Random r = new Random(7);
        for (int hour = 0; hour < 5; hour++) BotHistory.hour(r, hour, records, new ArrayList<>());
        List<LogEntry> log = TopologyTestDriver.entries(records);
        int named = firstNamed(log);
        assertTrue(named > 0 && named < log.size() * 3 / 4, "the bots are named early enough to come back after the cut: " + named);
        int cut = named + (log.size() - named) / 3;
        Topology before = run(GUARDED, log, cut, false);
        assertEquals(0, CollaborativeProbe.history(collab(before), "bot0"), "forgotten before the checkpoint");
        Topology straight = run(GUARDED, log, log.size(), false);
        Topology resumed = run(GUARDED, log, cut, true);
        CollaborativeLearner restored = collab(resumed);
        for (String bot : Set.of("bot0", "bot1", "bot2", "bot3")) assertEquals(0, CollaborativeProbe.history(restored, bot), bot);
        assertEquals(collab(straight).interactions(), restored.interactions(), "the bots' later likes were left out too");
        assertArrayEquals(CollaborativeProbe.state(collab(straight)), CollaborativeProbe.state(restored));
    }

    /**
     * The topology after {@code log}, its learners (collaborative and ranker) restored after entry
     * {@code cut} from another topology that ran up to it when {@code restored}, else fed everything.
     */
    private static Topology run(Map<String, Object> loop, List<LogEntry> log, int cut, boolean restored) {
        Topology t = TopologyTestDriver.of(List.of(loop)).topology();
        if (!restored) {
            feed(t, log.subList(0, cut), Set.of());
            return t;
        }
        Topology before = run(loop, log, cut, false);
        feed(t, log.subList(0, cut), Set.of(collab(t), ranker(t)));
        restore(collab(t), collab(before));
        restore(ranker(t), ranker(before));
        feed(t, log.subList(cut, log.size()), Set.of());
        return t;
    }

    private static void assertResumes(Map<String, Object> loop, List<LogEntry> log, int cut, Topology straight) {
        Topology resumed = run(loop, log, cut, true);
        assertArrayEquals(CollaborativeProbe.state(collab(straight)), CollaborativeProbe.state(collab(resumed)), "collaborative, cut at " + cut);
        assertArrayEquals(Resumption.bytes(ranker(straight)), Resumption.bytes(ranker(resumed)), "ranker, cut at " + cut);
    }

    private static void restore(OperatorState into, OperatorState from) {
        byte[] state = Resumption.bytes(from);
        StateReader in = new StateReader(state);
        into.readState(in);
        assertTrue(in.atEnd(), into.stateName() + " read all its state");
        assertArrayEquals(state, Resumption.bytes(into), into.stateName() + " restored writes the bytes it was read from");
    }

    /** Every entry through every operator but {@code skipped}, then a flush. */
    private static void feed(Topology t, List<LogEntry> entries, Set<Object> skipped) {
        for (LogEntry e : entries) {
            for (LogConsumer op : t.operators()) if (!skipped.contains(op)) op.accept(e);
        }
        t.operators().forEach(LogConsumer::flush);
    }

    /** The entry at which the loop's monitors name the bots. */
    private static int firstNamed(List<LogEntry> log) {
        Topology t = TopologyTestDriver.of(List.of(GUARDED)).topology();
        for (int i = 0; i < log.size(); i++) {
            feed(t, log.subList(i, i + 1), Set.of());
            if (!t.loop("feed").excluded().users().isEmpty()) return i;
        }
        return -1;
    }

    private static CollaborativeLearner collab(Topology t) {
        return t.loop("feed").model().collaborative();
    }

    private static RankerLearner ranker(Topology t) {
        return t.loop("feed").model().ranker();
    }
}
