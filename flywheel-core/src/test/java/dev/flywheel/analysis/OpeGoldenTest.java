package dev.flywheel.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.flywheel.stats.OffPolicyEstimate;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The slate log and every estimator give exactly (to the last bit) what the per-row object path gave
 * before the columnar rewrite (values recorded from commit d574b65 on this seeded log): the rewrite
 * must not change a single reported number, bootstrap interval included.
 */
class OpeGoldenTest {
    static final String[] TARGETS = {"logged", "uniform", "greedy-by-score"};

    /** 400 decisions of 3 slots from 12 items, some with a candidate count, rewards 0, 1 and 0.5. */
    static SlateLog log(String target) {
        SlateLog log = new SlateLog(TargetPolicy.named(target));
        SplittableRandom r = new SplittableRandom(7);
        for (int d = 0; d < 400; d++) {
            String[] items = new String[3];
            double[] scores = new double[3];
            double[] props = new double[3];
            double[] rewards = new double[3];
            for (int i = 0; i < 3; i++) {
                items[i] = "i" + ((d * 5 + i * 7 + r.nextInt(3)) % 12) + (i == 0 ? "" : "-" + i);
                scores[i] = r.nextInt(10) == 0 ? Double.NaN : r.nextDouble();
                props[i] = 0.05 + 0.5 * r.nextDouble();
                double u = r.nextDouble();
                rewards[i] = u < 0.1 ? 1 : u < 0.15 ? 0.5 : 0;
            }
            log.add(new LoggedSlate(List.of(items), new int[] {1, 2, 3}, scores, props, rewards, d % 4 == 0 ? 10 : 0));
        }
        return log;
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 2})
    void everyNumberIsWhatThePerRowPathGave(int t) {
        OffPolicyEvaluation e = log(TARGETS[t]).evaluate(OpeOptions.defaults());
        double[] expected = EXPECTED[t];
        int i = 0;
        for (OffPolicyEstimate x : e.estimators().values()) {
            assertEquals(expected[i++], x.value(), 0, TARGETS[t] + " " + x.estimator());
            assertEquals(expected[i++], x.standardError(), 0, TARGETS[t] + " " + x.estimator() + " se");
            assertEquals(expected[i++], x.ci().low(), 0, TARGETS[t] + " " + x.estimator() + " low");
            assertEquals(expected[i++], x.ci().high(), 0, TARGETS[t] + " " + x.estimator() + " high");
        }
        assertEquals(expected[i++], e.diagnostics().effectiveSampleSize(), 0);
        assertEquals(expected[i++], e.diagnostics().maxWeight(), 0);
        assertEquals(expected[i++], e.diagnostics().meanWeight(), 0);
        assertEquals(expected[i], e.diagnostics().clippedShare(), 0);
    }

    // ips, snips, clipped_ips, dm, dr, switch_dr (value, se, low, high), then ESS, max, mean weight, clipped share
    static final double[][] EXPECTED = {
        {0.12291666666666666, 0.008827565048703518, 0.1056149571000232, 0.14021837623331013, 0.12291666666666666, 0.008827565048703518, 0.1056149571000232, 0.14021837623331013, 0.12291666666666666, 0.008827565048703518, 0.1056149571000232, 0.14021837623331013, 0.12305672917853165, 0.008814782784233257, 0.10535295673573221, 0.13865535840574789, 0.12291666666666676, 0.008739666223097428, 0.10578723563249459, 0.14004609770083892, 0.12291666666666676, 0.008739666223097428, 0.10578723563249459, 0.14004609770083892, 1200.0, 1.0, 1.0, 0.0},
        {0.16445391982890978, 0.015317692551804997, 0.13443179410111455, 0.194476045556705, 0.12441174508001238, 0.011331148196937943, 0.10220310271052804, 0.1466203874494967, 0.164006597588402, 0.015207107602408716, 0.13420121437865568, 0.19381198079814832, 0.12313372085227127, 0.008858032913810284, 0.1050643923134659, 0.13865140902340495, 0.12334015801109251, 0.01497359428627681, 0.09399245249087523, 0.15268786353130978, 0.13237694407230396, 0.013419370396497085, 0.1060754613999667, 0.15867842674464122, 664.2626295518498, 6.6318122675818945, 1.3218520463895531, 0.0275},
        {0.1601092588949531, 0.026617021015183668, 0.10794085632944736, 0.21227766146045882, 0.11380359804221708, 0.01794569268222646, 0.07863068670742923, 0.14897650937700493, 0.1244490243438817, 0.01883786133153678, 0.08752749458830987, 0.16137055409945356, 0.12240805265273279, 0.008799262895295121, 0.10430760505934826, 0.13826648802374045, 0.11267740100487736, 0.025157528469160764, 0.06336955126528118, 0.16198525074447354, 0.10593326492614728, 0.010782198972259417, 0.08480054326637404, 0.12706598658592053, 245.54880019680823, 19.175813809561152, 1.406891009153843, 0.08916666666666667},
    };
}
