package dev.flywheel.rollout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flywheel.quality.Alert;
import dev.flywheel.quality.AlertBoard;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The drift trigger: a drift alert beyond the last snapshot retrains once, after the store holds it. */
class DriftTriggerTest {
    private static final Instant T = Instant.parse("2026-06-01T00:00:00Z");
    private static final RolloutState STATE = new RolloutState(1, T, "v1", null, null, "v1", Allocation.DEFAULT);
    private long applied;

    /** The store's position is all the trigger reads of it. */
    private final RolloutData data = new RolloutData() {
        @Override
        public List<UserTotals> users(String loop, Set<Integer> periods, String metric, double cap) {
            return List.of();
        }

        @Override
        public long closedSince(String loop, long afterSeq) {
            return 0;
        }

        @Override
        public long appliedSeq() {
            return applied;
        }

        @Override
        public List<ShadowMatch> shadow(String loop, String version, int period, double cap) {
            return List.of();
        }
    };

    private static Alert alert(String loop, String monitor, long seq) {
        return new Alert(0, loop, monitor, T, T.plusSeconds(3600), "like_rate_change", -0.4, -0.25, "0.20 -> 0.12",
                List.of(), List.of(), seq);
    }

    private static Trigger.Since since(long snapshotSeq) {
        return new Trigger.Since("shop", snapshotSeq, T, STATE);
    }

    @Test
    void aDriftAlertBeyondTheLastSnapshotFiresOnceTheStoreHoldsItsPosition() {
        AlertBoard board = new AlertBoard();
        board.raise(alert("shop", "bots", 30));
        board.raise(alert("feed", "drift", 45));
        Alert drift = board.raise(alert("shop", "drift", 50));
        Trigger t = Triggers.drift(board, data);
        applied = 49;
        assertTrue(t.check(since(40), T).isEmpty(), "the snapshot it would cut ends before the alert");
        applied = 60;
        Trigger.Fired fired = t.check(since(40), T).orElseThrow();
        assertEquals("drift", fired.name());
        assertTrue(fired.reason().startsWith("drift alert " + drift.id() + ": like_rate_change -0.4"), fired.reason());
        assertEquals(drift.id(), fired.numbers().get("alert"));
        assertEquals(1.0, fired.numbers().get("alerts"));
        assertTrue(t.check(since(60), T).isEmpty(), "answered by the retraining whose snapshot went through it");
    }

    @Test
    void oneRetrainingAnswersEveryDriftAlertBeforeItAndNamesTheNewest() {
        AlertBoard board = new AlertBoard();
        board.raise(alert("shop", "drift", 10));
        board.raise(alert("shop", "drift", 50));
        Alert newest = board.raise(alert("shop", "drift", 70));
        applied = 80;
        Trigger.Fired fired = Triggers.drift(board, data).check(since(20), T).orElseThrow();
        assertEquals(newest.id(), fired.numbers().get("alert"));
        assertEquals(2.0, fired.numbers().get("alerts"), "the one at 10 was in the last snapshot");
        assertTrue(Triggers.drift(board, data).check(since(80), T).isEmpty());
    }
}
