package dev.flywheel.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flywheel.catalog.Item;
import dev.flywheel.loop.DecideRequest;
import dev.flywheel.model.Candidate;
import dev.flywheel.model.ModelVersion;
import dev.flywheel.model.Scorer;
import dev.flywheel.model.SlateSampler;
import dev.flywheel.topology.TopologyTestDriver;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LearnerTargetPolicyTest {
    private static final Instant T = Instant.parse("2026-11-01T00:00:00Z");
    private static final List<String> POOL = List.of("a", "b", "c", "d");
    // fixed scores: a 0.9, b 0.5, c 0.1, d 0.3
    private static final Scorer FIXED = (user, candidates, at, explain) -> candidates.stream()
            .map(x -> new Candidate(x, Map.of("a", 0.9, "b", 0.5, "c", 0.1, "d", 0.3).get(x))).toList();

    /** A uniform logger over the 4 candidates: 1/4 in slot 1, 1/3 in slot 2. */
    private static LoggedSlate uniformLogged(String first, String second, double r1, double r2) {
        return new LoggedSlate(List.of(first, second), new int[] {1, 2}, new double[] {Double.NaN, Double.NaN},
                new double[] {0.25, 1 / 3.0}, new double[] {r1, r2}, 4, new LoggedSlate.Origin("u", T, POOL));
    }

    @Test
    void ipsOfEpsilonGreedyOverAUniformLogByHand() {
        SlateLog log = new SlateLog(new LearnerTargetPolicy(FIXED, new SlateSampler.EpsilonGreedy(0.2)));
        // slate 1: a first (target 0.05 + 0.8 = 0.85, weight 3.4), then c after a (b is best: 0.2/3, weight 0.2)
        log.add(uniformLogged("a", "c", 1, 1));
        // slate 2: b first (0.05, weight 0.2, reward 0), then a after b (a is best: 0.2/3 + 0.8, weight 2.6)
        log.add(uniformLogged("b", "a", 0, 1));
        OffPolicyEvaluation e = log.evaluate(OpeOptions.defaults());
        assertEquals((3.4 + 0.2 + 2.6) / 4, e.estimators().get("ips").value(), 1e-12);
        assertEquals(3.4, e.diagnostics().maxWeight(), 1e-12);
    }

    @Test
    void placementIsTheSlotDistributionAfterTheLoggedPrefix() {
        LearnerTargetPolicy p = new LearnerTargetPolicy(FIXED, new SlateSampler.EpsilonGreedy(0.2));
        double[][] m = p.placement(uniformLogged("a", "c", 1, 1));
        assertEquals(0.85, m[0][0], 1e-12);
        assertEquals(0.05, m[1][0], 1e-12); // c in slot 1
        assertEquals(0.0, m[0][1], 1e-12);  // a is already placed in slot 1
        assertEquals(0.2 / 3, m[1][1], 1e-12);
    }

    /** The bandit's own decisions, evaluated with the same frozen bandit as target: weights are exactly 1. */
    @Test
    void theLearnerThatLoggedGetsItsOwnPropensities() {
        TopologyTestDriver driver = TopologyTestDriver.of(List.of(Map.of("name", "home",
                "exploration", Map.of("strategy", "softmax", "temperature", 0.1))));
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            ids.add("n" + i);
            driver.pipe(new Item("n" + i, "title " + i, (i % 2 == 0 ? "football match goal " : "election vote party ")
                    + "story " + i, List.of("t" + (i % 3)), null, T.minusSeconds(3600)));
        }
        ModelVersion bandit = driver.topology().loop("home").model().champion();
        SlateLog log = new SlateLog(new LearnerTargetPolicy(bandit.scorer(), bandit.sampler()));
        double rewards = 0;
        for (int d = 0; d < 20; d++) {
            Instant at = T.plusSeconds(d);
            var s = driver.decide(new DecideRequest("home", "u" + (d % 3), null, ids, 3, false, false), at).slate();
            double[] props = new double[3];
            double[] r = new double[3];
            List<String> items = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                items.add(s.slots().get(i).item());
                props[i] = s.slots().get(i).propensity();
                r[i] = (d + i) % 4 == 0 ? 1 : 0;
                rewards += r[i];
            }
            log.add(new LoggedSlate(items, new int[] {1, 2, 3}, new double[3], props, r, ids.size(),
                    new LoggedSlate.Origin("u" + (d % 3), at, ids)));
        }
        OffPolicyEvaluation e = log.evaluate(OpeOptions.defaults());
        assertEquals(1.0, e.diagnostics().maxWeight(), 1e-12);
        assertEquals(1.0, e.diagnostics().meanWeight(), 1e-12);
        assertEquals(rewards / 60, e.estimators().get("ips").value(), 1e-12);
    }

    @Test
    void aSlateWithoutCandidatesNamesWhatIsMissing() {
        LearnerTargetPolicy p = new LearnerTargetPolicy(FIXED, new SlateSampler.EpsilonGreedy(0.2));
        LoggedSlate bare = new LoggedSlate(List.of("a"), new int[] {1}, new double[] {0}, new double[] {1}, new double[] {0}, 0);
        IllegalArgumentException x = assertThrows(IllegalArgumentException.class, () -> p.placement(bare));
        assertTrue(x.getMessage().contains("candidates"), x.getMessage());
    }
}
