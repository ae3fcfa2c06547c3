package dev.flywheel.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flywheel.analysis.UpliftLedger;
import dev.flywheel.sim.shop.ShopConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Attribution is honest: over seeded shop runs, the ledger's 95 % interval of each promoted
 * version's uplift against the holdout contains the world's true uplift about 95 % of the time. The
 * truth is the world's expected revenue of the slates the champion arm served minus that of the
 * slates the holdout served, each for the shopper as they were then (`ServedTruth`): the purchase
 * lottery is not in it, and the holdout's cumulative effect is. A purchase changes the shopper (its
 * complements attract them), so shoppers served a better ranker for weeks are worth more than the
 * holdout's even when shown the same slate: that carried-over gain is what a holdout measures.
 * The paired truth (both versions' slates for the same shopper at the same moment, asked as
 * previews) leaves it out; it is printed with {@code -Dcoverage.paired=true} (two more rankings per
 * session, asserted nothing, so the build leaves it off), and falls short of the interval on the high side more
 * often (2026-12-01: 92.6 % covered, misses 23 high vs 6 low, against 94.1 % for the served truth),
 * since better rankers sell more and move more shoppers. Each run retrains twice and promotes each
 * version at once (the canary rules have their own test): what is judged here is the interval, on
 * the data a champion and the holdout produce.
 */
class LedgerCoverageTest {
    static final int RUNS = Integer.getInteger("coverage.runs", 130);
    static final boolean PAIRED = Boolean.getBoolean("coverage.paired");
    @TempDir
    Path dir;

    static Map<String, Object> config() {
        return ShopHarness.config(Map.of(
                "rollout", Map.of("holdout", 0.3, "initial", "frozen")));
    }

    /** Retrains on everything closed so far and makes the new version champion. */
    static void promoteNewVersion(ShopHarness h) {
        var snap = h.autopilot.retrainer().snapshot(ShopHarness.LOOP);
        var v = h.lifecycle.register(h.autopilot.retrainer().train(ShopHarness.LOOP, snap, "outcomes"), "test", "retrained");
        h.lifecycle.change(ShopHarness.LOOP, dev.flywheel.rollout.AuditRecord.Action.PROMOTE, v.version(), "test", "at once", Map.of());
    }

    @Test
    void theHoldoutIntervalOfPromotedVersionsCoversTheTrueUpliftAboutNinetyFivePercentOfTheTime() throws Exception {
        int covered = 0;
        int coveredServed = 0;
        int promoted = 0;
        for (int seed = 1; seed <= RUNS; seed++) {
            Path run = Files.createDirectories(dir.resolve("run-" + seed));
            try (ShopHarness h = new ShopHarness(run, ShopConfig.small(seed), config())) {
                // previews draw from their own arm's random numbers: the served sessions are the same either way
                if (PAIRED) h.pairTruth();
                h.sessions(400);
                for (int v = 0; v < 3; v++) {
                    promoteNewVersion(h);
                    h.sessions(800);
                }
                UpliftLedger.Ledger ledger = UpliftLedger.compute(h.lifecycle.read(ShopHarness.LOOP, UpliftLedger.Registry::of),
                        h.data, h.clock.instant());
                for (UpliftLedger.Line l : ledger.versions()) {
                    if (l.upliftVsHoldout() == null || l.parent() == null) continue;
                    double t = PAIRED ? h.pairedVsHoldout(l.version()) : Double.NaN;
                    double served = h.truth.truth().get(l.version()).upliftVsHoldout();
                    promoted++;
                    if (l.upliftVsHoldout().low() <= t && t <= l.upliftVsHoldout().high()) covered++;
                    if (l.upliftVsHoldout().low() <= served && served <= l.upliftVsHoldout().high()) coveredServed++;
                    System.out.printf("seed %d %s est %.3f [%.3f, %.3f] served truth %.3f paired %.3f%n", seed, l.version(),
                            l.upliftVsHoldout().estimate(), l.upliftVsHoldout().low(), l.upliftVsHoldout().high(), served, t);
                }
            }
        }
        double rate = coveredServed / (double) promoted;
        System.out.printf("covered %d of %d promoted versions: %.3f (paired truth: %s)%n", coveredServed, promoted, rate,
                PAIRED ? covered : "off");
        assertTrue(promoted >= 100, "too few promoted versions to judge coverage: " + promoted);
        assertTrue(rate >= 0.93 && rate <= 0.97, "coverage " + rate + " of " + promoted);
    }
}
