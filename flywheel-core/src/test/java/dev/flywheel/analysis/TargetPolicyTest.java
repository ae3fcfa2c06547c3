package dev.flywheel.analysis;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SlatePolicyTest {
    // rows: item a at position 2 (score 0.1), b at 1 (no score), c at 3 (score 0.9)
    private static final LoggedSlate SLATE = new LoggedSlate(List.of("a", "b", "c"), new int[] {2, 1, 3},
            new double[] {0.1, Double.NaN, 0.9}, new double[] {0.5, 0.25, 0.2}, new double[] {1, 0, 0}, 0);

    @Test
    void greedyPutsTheHighestScoreFirstAndMissingScoresLast() {
        double[][] m = TargetPolicy.greedyByScore().placement(SLATE);
        // c -> position 1 (row of b), a -> position 2 (row of a), b -> position 3 (row of c)
        assertArrayEquals(new double[] {1, 0, 0}, m[0]);
        assertArrayEquals(new double[] {0, 0, 1}, m[1]);
        assertArrayEquals(new double[] {0, 1, 0}, m[2]);
    }

    @Test
    void uniformUsesTheCandidateCountWhenLogged() {
        LoggedSlate withCandidates = new LoggedSlate(SLATE.items(), SLATE.positions(), SLATE.scores(), SLATE.propensities(),
                SLATE.rewards(), 10);
        assertEquals(0.1, TargetPolicy.uniform().placement(withCandidates)[2][1]);
        assertEquals(1 / 3.0, TargetPolicy.uniform().placement(SLATE)[2][1]);
    }

    @Test
    void loggedPolicyHasWeightOne() {
        TargetPolicy p = TargetPolicy.logged();
        assertEquals(0.25, p.rowProbability(SLATE, p.placement(SLATE), 1));
    }

    @Test
    void greedyOpeValueIsTheRewardOfRowsItWouldHaveShownThere() {
        SlateLog log = new SlateLog(TargetPolicy.greedyByScore());
        log.add(SLATE);
        // only row a (position 2) agrees with greedy; its weight is 1/0.5 and reward 1, over 3 rows
        assertEquals(2 / 3.0, log.evaluate(OpeOptions.defaults()).estimators().get("ips").value(), 1e-12);
    }

    @Test
    void unknownTargetNamesTheOption() {
        assertThrows(IllegalArgumentException.class, () -> TargetPolicy.named("best"), "--target");
    }

    @Test
    void columnTablesServeNumbersWithoutParsing() {
        Table t = Table.ofColumns(Map.of("arm", new String[] {"x", "y"}), Map.of("v", new double[] {1.5, 2}));
        assertEquals(2, t.size());
        assertArrayEquals(new double[] {1.5, 2}, t.doubles("v"));
        assertArrayEquals(new String[] {"1.5", "2.0"}, t.strings("v"));
        assertThrows(IllegalArgumentException.class,
                () -> Table.ofColumns(Map.of("a", new String[] {"x"}), Map.of("v", new double[] {1, 2})));
    }
}
