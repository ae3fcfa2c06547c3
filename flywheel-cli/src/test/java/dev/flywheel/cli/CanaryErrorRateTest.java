package dev.flywheel.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flywheel.model.VersionRecord;
import dev.flywheel.rollout.AuditRecord;
import dev.flywheel.rollout.AuditRecord.Action;
import dev.flywheel.rollout.LoopLifecycle;
import dev.flywheel.rollout.RolloutState;
import dev.flywheel.sim.shop.ShopConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A/A: canaries of a version identical to the champion (the same state, so the same scores), judged
 * by the always-valid rules every 100 sessions until they end. Promotion (canary better) and rollback
 * (guardrail breached) are both errors here; together they must fire at most at the configured 5 %.
 */
class CanaryErrorRateTest {
    static final int CANARIES = Integer.getInteger("aa.canaries", 200);
    static final int PER_WORLD = 10;
    @TempDir
    Path dir;

    static Map<String, Object> config() {
        return ShopHarness.config(Map.of(
                "rollout", Map.of("canary", 0.5, "holdout", 0.1, "initial", "frozen",
                        "promotion", Map.of("alpha", 0.05, "min_exposures", 100, "max_exposures", 400, "margin", 0,
                                "planned_users", 250))));
    }

    @Test
    void canariesOfTheChampionItselfArePromotedOrRolledBackAtMostAtTheErrorRate() throws Exception {
        int fired = 0;
        int judged = 0;
        for (int world = 0; judged < CANARIES; world++) {
            Path run = Files.createDirectories(dir.resolve("world-" + world));
            try (ShopHarness h = new ShopHarness(run, ShopConfig.small(1000 + world), config())) {
                h.sessions(400);
                for (int c = 0; c < PER_WORLD && judged < CANARIES; c++) {
                    Action verdict = canaryOfTheChampion(h);
                    judged++;
                    if (verdict != Action.RETIRE) fired++;
                }
            }
        }
        System.out.printf("A/A: %d of %d canaries fired%n", fired, judged);
        assertEquals(CANARIES, judged);
        assertTrue(fired <= 0.05 * judged, fired + " of " + judged + " identical canaries were promoted or rolled back");
    }

    /** Registers a copy of the champion, canaries it and plays until the rules end it; returns their verdict. */
    private static Action canaryOfTheChampion(ShopHarness h) {
        RolloutState s = h.lifecycle.read(ShopHarness.LOOP, LoopLifecycle::state);
        VersionRecord champion = h.lifecycle.read(ShopHarness.LOOP, l -> l.versions().get(s.champion()));
        String v = h.lifecycle.read(ShopHarness.LOOP, LoopLifecycle::nextVersion);
        h.lifecycle.register(new VersionRecord(ShopHarness.LOOP, v, champion.family(), champion.params(), champion.dataset(),
                "test", s.champion(), "manual", VersionRecord.Mode.FROZEN, h.clock.instant(), Map.of(), champion.state()),
                "test", "A/A: the champion's own state");
        h.lifecycle.change(ShopHarness.LOOP, Action.CANARY, v, "test", "A/A", Map.of());
        for (int tick = 0; tick < 200; tick++) {
            h.sessions(100);
            for (AuditRecord r : h.autopilot.tick()) {
                if (v.equals(r.version())) return r.action();
            }
        }
        throw new AssertionError("canary " + v + " never ended");
    }
}
