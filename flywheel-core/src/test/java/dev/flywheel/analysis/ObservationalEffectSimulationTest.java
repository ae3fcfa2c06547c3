package dev.flywheel.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flywheel.stats.Estimand;
import dev.flywheel.stats.ObservationalData;
import dev.flywheel.stats.OverlapDiagnostics;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Confounded simulated data with a known, heterogeneous effect tau(x) = 2 + x1: units with high x1 are
 * both more often treated and have higher outcomes, so the naive difference is biased upward.
 * Truth: ATE = 2 (E[x1] = 0); ATT = 2 + mean of x1 over the (kept) treated units.
 */
class ObservationalEffectSimulationTest {
    private static final int N = 3000;

    @Test
    void ipwAndAipwRecoverTheAverageEffectWhereNaiveDoesNot() {
        Simulated s = simulate(11);
        ObservationalEffect r = ObservationalEffect.analyze(s.data, List.of("x1", "x2"),
                EffectOptions.defaults(Estimand.ATE));
        print(r, 2.0);
        assertTrue(r.estimates().get("ipw").ci().contains(2.0), "ipw " + r.estimates().get("ipw"));
        assertTrue(r.estimates().get("aipw").ci().contains(2.0), "aipw " + r.estimates().get("aipw"));
        assertFalse(r.estimates().get("naive").ci().contains(2.0), "naive " + r.estimates().get("naive"));
        assertTrue(Math.abs(r.estimates().get("matching").estimate() - 2.0) < 0.5);
    }

    @Test
    void ipwAndAipwRecoverTheEffectOnTheTreated() {
        Simulated s = simulate(12);
        EffectOptions options = new EffectOptions(Estimand.ATT, 0, 1, 200, 42, 0.95);
        ObservationalEffect r = ObservationalEffect.analyze(s.data, List.of("x1", "x2"), options);
        double truth = s.attTruth();
        print(r, truth);
        assertEquals(0, r.overlap().trimmed());
        assertTrue(r.estimates().get("ipw").ci().contains(truth), "ipw " + r.estimates().get("ipw"));
        assertTrue(r.estimates().get("aipw").ci().contains(truth), "aipw " + r.estimates().get("aipw"));
        assertTrue(r.estimates().get("matching").ci().contains(truth), "matching " + r.estimates().get("matching"));
        assertFalse(r.estimates().get("naive").ci().contains(truth), "naive " + r.estimates().get("naive"));
    }

    @Test
    void overlapDiagnosticsShowImbalanceRemovedByWeighting() {
        ObservationalEffect r = ObservationalEffect.analyze(simulate(13).data, List.of("x1", "x2"),
                EffectOptions.defaults(Estimand.ATE));
        OverlapDiagnostics o = r.overlap();
        assertTrue(o.trimmed() > 0 && o.shareTrimmed() < 0.2, "trimmed " + o.trimmed());
        for (OverlapDiagnostics.Balance b : o.balance()) {
            assertTrue(Math.abs(b.smdBefore()) > 0.3, b.toString());
            assertTrue(Math.abs(b.smdAfter()) < 0.1, b.toString());
        }
        assertTrue(o.treatedPropensityRange().high() > 0.9 && o.controlPropensityRange().low() < 0.1);
    }

    private static void print(ObservationalEffect r, double truth) {
        System.out.printf("%s truth %.3f%n", r.estimand(), truth);
        r.estimates().values().forEach(e -> System.out.printf("  %-8s %.3f [%.3f, %.3f]%n", e.method(),
                e.estimate(), e.ci().low(), e.ci().high()));
    }

    private record Simulated(ObservationalData data) {
        double attTruth() {
            double s = 0;
            int n = 0;
            for (int i = 0; i < data.size(); i++) {
                if (data.treated()[i]) {
                    s += 2 + data.covariates()[i][0];
                    n++;
                }
            }
            return s / n;
        }
    }

    private static Simulated simulate(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double[][] x = new double[N][2];
        boolean[] t = new boolean[N];
        double[] y = new double[N];
        for (int i = 0; i < N; i++) {
            x[i][0] = random.nextGaussian();
            x[i][1] = random.nextGaussian();
            double e = 1 / (1 + Math.exp(-(1.0 * x[i][0] - 0.8 * x[i][1])));
            t[i] = random.nextDouble() < e;
            double tau = 2 + x[i][0];
            y[i] = 1 + 1.5 * x[i][0] - 1.0 * x[i][1] + (t[i] ? tau : 0) + random.nextGaussian();
        }
        return new Simulated(new ObservationalData(x, t, y));
    }
}
