package dev.flywheel.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flywheel.rollout.AuditRecord;
import dev.flywheel.rollout.AuditRecord.Action;
import dev.flywheel.rollout.CanaryJudge;
import dev.flywheel.rollout.LoopLifecycle;
import dev.flywheel.rollout.VersionStatus;
import dev.flywheel.sim.shop.ShopConfig;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The rules on the shop world: a harmful version is rolled back inside its canary, and the holdout
 * only ever sees the baseline. The small world's canary has ~80 shoppers, too few for revenue alone
 * to show a reversed ranker worse (its sequence ended at [−1.80, +0.16] after 3,016 decisions, truly
 * −1.5): a conversion guardrail (purchases per decision, far less noisy than revenue) catches it, as
 * a shop would configure.
 */
class CanaryRulesTest {
    @TempDir
    Path dir;

    static Map<String, Object> config() {
        return ShopHarness.config(Map.of(
                "learner", Map.of("roles", Map.of("like", List.of("add_to_cart", "purchase"))),
                "rollout", Map.of("canary", 0.3, "holdout", 0.1, "initial", "frozen",
                        "retrain", Map.of("outcomes", 1_000_000, "shadow_decisions", 200),
                        "promotion", Map.of("min_exposures", 300, "max_exposures", 3_000, "margin", 0.2, "cap", 150,
                                "planned_users", 250, "guardrails", List.of(Map.of("metric", "reward", "margin", 0),
                                        Map.of("metric", "purchase", "margin", 0))))));
    }

    @Test
    void aVersionWithReversedScoresIsRolledBackBeforeItServesMoreThanItsCanaryAndTheHoldoutSeesOnlyTheBaseline() throws Exception {
        try (ShopHarness h = new ShopHarness(dir, ShopConfig.small(5), config())) {
            h.sessions(1_000);
            LedgerCoverageTest.promoteNewVersion(h);
            h.sessions(1_000);
            AuditRecord injected = ShopDemo.inject(h.lifecycle);
            String bad = injected.version();
            AuditRecord verdict = null;
            for (int t = 0; t < 60 && verdict == null; t++) {
                h.sessions(100);
                verdict = h.autopilot.tick().stream().filter(r -> r.action() == Action.ROLLBACK && bad.equals(r.version()))
                        .findFirst().orElse(null);
            }
            assertTrue(verdict != null, "the reversed version was never rolled back: " + h.lifecycle.read(ShopHarness.LOOP,
                    l -> l.audit().subList(Math.max(0, l.audit().size() - 3), l.audit().size())));
            assertTrue(Set.of(CanaryJudge.SHADOW_RULE, CanaryJudge.GUARDRAIL_RULE).contains(verdict.actor()), verdict.actor());
            assertEquals(VersionStatus.ROLLED_BACK, h.lifecycle.read(ShopHarness.LOOP, l -> l.status(bad)));
            assertServed(h, bad);
        }
    }

    /** From the store: the bad version served only canary-arm decisions, the holdout only v1. */
    private static void assertServed(ShopHarness h, String bad) throws Exception {
        try (var c = h.connect(); var s = c.createStatement();
             var r = s.executeQuery("SELECT arm, model, count(*) FROM decisions GROUP BY arm, model")) {
            while (r.next()) {
                if (r.getString(2).equals(bad)) assertEquals("canary", r.getString(1), "the bad version served outside its canary");
                if (r.getString(1).equals("holdout")) assertEquals("v1", r.getString(2), "the holdout served a version other than the baseline");
            }
        }
        assertEquals("v2", h.lifecycle.read(ShopHarness.LOOP, LoopLifecycle::state).champion());
    }
}
