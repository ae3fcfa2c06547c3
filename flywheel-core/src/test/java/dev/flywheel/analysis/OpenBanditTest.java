package dev.flywheel.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flywheel.stats.OffPolicyEstimate;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * Random-policy log → value of the BTS policy, on the Open Bandit Dataset sample, checked against the
 * BTS log's own click rate.
 */
class OpenBanditTest {

    @Test
    void ipsAndSnipsOnAHandMadeObdLog() {
        // target log: position 1 shows item 0 three times and item 1 once -> pi(0|1) = 3/4, pi(1|1) = 1/4
        Table target = obd(new String[][] {{"0", "1", "0", "0.5"}, {"0", "1", "1", "0.5"}, {"0", "1", "0", "0.5"},
            {"1", "1", "0", "0.5"}});
        Table logged = obd(new String[][] {{"0", "1", "1", "0.5"}, {"1", "1", "1", "0.5"}, {"1", "1", "0", "0.5"},
            {"0", "1", "0", "0.5"}});
        // weights: 1.5, 0.5, 0.5, 1.5; IPS = (1.5 + 0.5) / 4; SNIPS = 2 / 4
        OffPolicyEvaluation e = ObdLogs.evaluate(logged, target, OpeOptions.defaults());
        assertEquals(0.5, e.estimators().get("ips").value(), 1e-15);
        assertEquals(0.5, e.estimators().get("snips").value(), 1e-15);
        assertEquals(0.25, e.onPolicy().rate(), 1e-15);
        assertEquals(1.5, e.diagnostics().maxWeight(), 1e-15);
    }

    @ParameterizedTest
    @ValueSource(strings = {"men", "women"})
    void estimatorsCoverTheOnPolicyClickRateOfBts(String campaign) throws IOException {
        Table random = Table.read(SharedData.file("obd/random/" + campaign + "/" + campaign + ".csv"));
        Table bts = Table.read(SharedData.file("obd/bts/" + campaign + "/" + campaign + ".csv"));
        OffPolicyEvaluation e = ObdLogs.evaluate(random, bts, OpeOptions.defaults());
        System.out.printf("OBD %s: on-policy BTS %.5f [%.5f, %.5f]; ESS %.0f, max weight %.2f%n", campaign,
                e.onPolicy().rate(), e.onPolicy().interval().low(), e.onPolicy().interval().high(),
                e.diagnostics().effectiveSampleSize(), e.diagnostics().maxWeight());
        for (OffPolicyEstimate est : e.estimators().values()) {
            System.out.printf("  %-10s %.5f [%.5f, %.5f] covers=%s%n", est.estimator(), est.value(), est.ci().low(),
                    est.ci().high(), e.covers(est.estimator()));
        }
        e.notes().forEach(n -> System.out.println("  note: " + n));
        assertIpsAndSnipsByHand(random, bts, e);
        for (String name : e.estimators().keySet()) {
            assertTrue(e.covers(name) || e.notes().stream().anyMatch(n -> n.startsWith(name + " ")),
                    name + " neither covers nor explains");
        }
    }

    /** IPS and SNIPS recomputed here from raw columns, with the policy counted independently. */
    private static void assertIpsAndSnipsByHand(Table random, Table bts, OffPolicyEvaluation e) {
        double[] tItem = bts.doubles("item_id");
        double[] tPos = bts.doubles("position");
        double[][] counts = new double[4][100];
        double[] perPos = new double[4];
        for (int i = 0; i < tItem.length; i++) {
            counts[(int) tPos[i]][(int) tItem[i]]++;
            perPos[(int) tPos[i]]++;
        }
        double[] item = random.doubles("item_id");
        double[] pos = random.doubles("position");
        double[] click = random.doubles("click");
        double[] prop = random.doubles("propensity_score");
        double swr = 0;
        double sw = 0;
        for (int i = 0; i < item.length; i++) {
            double w = counts[(int) pos[i]][(int) item[i]] / perPos[(int) pos[i]] / prop[i];
            swr += w * click[i];
            sw += w;
        }
        assertEquals(swr / item.length, e.estimators().get("ips").value(), 1e-15);
        assertEquals(swr / sw, e.estimators().get("snips").value(), 1e-15);
    }

    private static Table obd(String[][] rows) {
        return new Table(List.of("item_id", "position", "click", "propensity_score"), List.of(rows));
    }
}
