package dev.flywheel.rollout;

import static dev.flywheel.rollout.Records.change;
import static dev.flywheel.rollout.Records.register;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flywheel.model.VersionRecord;
import dev.flywheel.rollout.AuditRecord.Action;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class LoopLifecycleTest {
    private static final Instant T0 = Instant.parse("2026-03-01T00:00:00Z");
    private long seq;

    private LoopLifecycle started() {
        LoopLifecycle l = new LoopLifecycle("shop", new Allocation(0.1, 0.05, true));
        l.apply(register(++seq, "shop", "v1", T0));
        l.apply(change(++seq, "shop", Action.PROMOTE, "v1", T0));
        return l;
    }

    private static Instant at(int minutes) {
        return T0.plusSeconds(60L * minutes);
    }

    @Test
    void theFirstPromotionMakesTheChampionAndTheBaseline() {
        LoopLifecycle l = started();
        assertEquals("v1", l.state().champion());
        assertEquals("v1", l.state().baseline());
        assertEquals(1, l.state().period());
        assertEquals(VersionStatus.CHAMPION, l.status("v1"));
        assertEquals(0.05, l.state().holdoutShare());
        assertEquals(0, l.state().canaryShare(), "no canary without a challenger in canary");
    }

    @Test
    void aChallengerGoesThroughShadowAndCanaryToChampionAndTheOldChampionRetires() {
        LoopLifecycle l = started();
        l.apply(register(++seq, "shop", "v2", at(1)));
        l.apply(change(++seq, "shop", Action.SHADOW, "v2", at(2)));
        assertEquals("v2", l.state().shadow());
        l.apply(change(++seq, "shop", Action.CANARY, "v2", at(3)));
        assertEquals("v2", l.state().canary());
        assertEquals(0.1, l.state().canaryShare());
        l.apply(change(++seq, "shop", Action.PROMOTE, "v2", at(4)));
        assertEquals("v2", l.state().champion());
        assertNull(l.state().challenger());
        assertEquals("v1", l.state().baseline(), "the holdout keeps its baseline across promotions");
        assertEquals(VersionStatus.RETIRED, l.status("v1"));
        assertEquals("v1", l.replaced("v2"));
        assertEquals(4, l.state().period());
    }

    @Test
    void stateAtAnOldTimeIsThePeriodInForceThen() {
        LoopLifecycle l = started();
        l.apply(register(++seq, "shop", "v2", at(1)));
        l.apply(change(++seq, "shop", Action.CANARY, "v2", at(10)));
        l.apply(change(++seq, "shop", Action.PROMOTE, "v2", at(20)));
        assertEquals("v1", l.stateAt(at(9)).champion());
        assertNull(l.stateAt(at(9)).canary());
        assertEquals("v2", l.stateAt(at(15)).canary());
        assertEquals("v1", l.stateAt(at(15)).champion());
        assertEquals("v2", l.stateAt(at(20)).champion(), "a period begins at its change's instant");
        assertNull(l.stateAt(T0.minusSeconds(1)).champion(), "before the first promotion nobody served");
    }

    @Test
    void rollingBackACanaryLeavesTheChampionAndRollingBackAChampionReinstatesTheOneItReplaced() {
        LoopLifecycle l = started();
        l.apply(register(++seq, "shop", "v2", at(1)));
        l.apply(change(++seq, "shop", Action.CANARY, "v2", at(2)));
        l.apply(change(++seq, "shop", Action.ROLLBACK, "v2", at(3)));
        assertEquals(VersionStatus.ROLLED_BACK, l.status("v2"));
        assertEquals("v1", l.state().champion());
        assertNull(l.state().canary());
        l.apply(register(++seq, "shop", "v3", at(4)));
        l.apply(change(++seq, "shop", Action.PROMOTE, "v3", at(5)));
        l.apply(change(++seq, "shop", Action.ROLLBACK, "v3", at(6)));
        assertEquals("v1", l.state().champion());
        assertEquals(VersionStatus.CHAMPION, l.status("v1"));
        assertEquals(VersionStatus.ROLLED_BACK, l.status("v3"));
    }

    @Test
    void changesThatDoNotFollowFromTheStateAreRefusedWithTheReason() {
        LoopLifecycle l = started();
        l.apply(register(++seq, "shop", "v2", at(1)));
        l.apply(register(++seq, "shop", "v3", at(1)));
        l.apply(change(++seq, "shop", Action.CANARY, "v2", at(2)));
        var busy = assertThrows(IllegalStateException.class, () -> l.check(change(seq + 1, "shop", Action.SHADOW, "v3", at(3))));
        assertTrue(busy.getMessage().contains("v2 is already the challenger"), busy.getMessage());
        var unknown = assertThrows(java.util.NoSuchElementException.class, () -> l.check(change(seq + 1, "shop", Action.PROMOTE, "v9", at(3))));
        assertTrue(unknown.getMessage().contains("no version v9"), unknown.getMessage());
        var again = assertThrows(IllegalStateException.class, () -> l.check(register(seq + 1, "shop", "v2", at(3))));
        assertTrue(again.getMessage().contains("already registered"), again.getMessage());
        var first = assertThrows(IllegalStateException.class, () -> l.check(change(seq + 1, "shop", Action.ROLLBACK, "v1", at(3))));
        assertTrue(first.getMessage().contains("nothing to roll back to"), first.getMessage());
        int period = l.state().period();
        assertThrows(IllegalStateException.class, () -> l.apply(change(seq + 1, "shop", Action.PROMOTE, "v1", at(3))));
        assertEquals(period, l.state().period(), "a refused change leaves the state as it was");
        assertEquals(5, l.audit().size());
    }

    @Test
    void anOnlineRetrainedVersionIsRegisteredOnlyWithThePositionItLearnsAfter() {
        LoopLifecycle l = started();
        VersionRecord unplaced = new VersionRecord("shop", "v2", "content-bandit", java.util.Map.of(), "a".repeat(64), "dev",
                "v1", "manual", VersionRecord.Mode.ONLINE, at(1), java.util.Map.of(), "b".repeat(64));
        var refused = assertThrows(IllegalStateException.class, () -> l.apply(registration(unplaced)));
        assertTrue(refused.getMessage().contains("no log position"), refused.getMessage());
        l.apply(registration(unplaced.learningAfter(99)));
        assertEquals(99L, l.versions().get("v2").learnsAfter());
    }

    private AuditRecord registration(VersionRecord v) {
        return new AuditRecord(seq + 1, v.created(), "shop", Action.REGISTER, v.version(), "engine", "test", java.util.Map.of(),
                v, null);
    }

    @Test
    void anAllocationChangeStartsANewPeriodWithTheSameVersions() {
        LoopLifecycle l = started();
        l.apply(Records.allocate(++seq, "shop", new Allocation(0.2, 0.1, false), at(5)));
        assertEquals(2, l.state().period());
        assertEquals("v1", l.state().champion());
        assertEquals(0.1, l.state().holdoutShare());
        assertEquals(0.05, l.stateAt(at(4)).holdoutShare());
    }

    @Test
    void aPausedCanaryServesNobodyStaysTheChallengerAndOnlyAPersonsChangeEndsThePause() {
        LoopLifecycle l = started();
        l.apply(register(++seq, "shop", "v2", at(1)));
        l.apply(change(++seq, "shop", Action.SHADOW, "v2", at(2)));
        var notCanary = assertThrows(IllegalStateException.class, () -> l.check(change(seq + 1, "shop", Action.PAUSE, "v2", at(3))));
        assertTrue(notCanary.getMessage().contains("v2 is shadow: cannot pause it"), notCanary.getMessage());
        l.apply(change(++seq, "shop", Action.CANARY, "v2", at(3)));
        l.apply(change(++seq, "shop", Action.PAUSE, "v2", at(4)));
        assertEquals(VersionStatus.PAUSED, l.status("v2"));
        assertEquals("v2", l.state().challenger());
        assertEquals(VersionStatus.PAUSED, l.state().stage());
        assertNull(l.state().canary());
        assertNull(l.state().shadow(), "a paused challenger does not score either");
        assertEquals(0, l.state().canaryShare(), "the champion serves the canary's share");
        assertEquals("v2", l.stateAt(at(3)).canary(), "the canary's own period is kept");
        assertThrows(IllegalStateException.class, () -> l.check(change(seq + 1, "shop", Action.PAUSE, "v2", at(5))));
        l.apply(change(++seq, "shop", Action.CANARY, "v2", at(5)));
        assertEquals("v2", l.state().canary(), "started again by a person");
        assertEquals(5, l.state().period(), "in a period of its own");
        l.apply(change(++seq, "shop", Action.PAUSE, "v2", at(6)));
        l.apply(change(++seq, "shop", Action.PROMOTE, "v2", at(7)));
        assertEquals("v2", l.state().champion());
        assertNull(l.state().challenger());
    }
}
