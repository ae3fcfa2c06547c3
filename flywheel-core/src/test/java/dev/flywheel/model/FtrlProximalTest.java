package dev.flywheel.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class FtrlProximalTest {
    static final FtrlProximal.Params P = new FtrlProximal.Params(0.1, 1.0, 0.1, 1.0);

    @Test
    void firstUpdateMatchesAHandComputation() {
        FtrlProximal m = new FtrlProximal(P);
        // all weights 0 → p = σ(0) = 0.5; y = 1: g_a = −0.5·1, g_b = −0.5·2 = −1
        assertEquals(0.5, m.update(Map.of("a", 1.0, "b", 2.0), true));
        // z_a = −0.5, n_a = 0.25 → w_a = (0.5 − 0.1) / ((1 + 0.5)/0.1 + 1) = 0.4 / 16
        assertEquals(0.025, m.weight("a"), 1e-15);
        // z_b = −1, n_b = 1 → w_b = (1 − 0.1) / ((1 + 1)/0.1 + 1) = 0.9 / 21
        assertEquals(0.04285714285714286, m.weight("b"), 1e-15);
        // σ(0.025 + 2·0.0428571) = σ(0.1107143)
        assertEquals(0.527650333181047, m.predict(Map.of("a", 1.0, "b", 2.0)), 1e-12);
    }

    @Test
    void secondUpdateUsesTheSigmaTermAndL1ZeroesAWeight() {
        FtrlProximal m = new FtrlProximal(P);
        m.update(Map.of("a", 1.0, "b", 2.0), true);
        // p = σ(w_a) = σ(0.025) = 0.5062496744995104; y = 0: g_a = g_c = p
        assertEquals(0.5062496744995104, m.update(Map.of("a", 1.0, "c", 1.0), false), 1e-15);
        // σ_a = (√(0.25 + p²) − 0.5)/0.1 = 2.11540; z_a = −0.5 + p − σ_a·0.025 = −0.04664: |z_a| ≤ l1 → w_a = 0
        assertEquals(0.0, m.weight("a"));
        // z_c = p, n_c = p² → w_c = −(p − 0.1) / ((1 + p)/0.1 + 1) = −0.40625 / 16.0625
        assertEquals(-0.02529181365444282, m.weight("c"), 1e-15);
        assertEquals(0.04285714285714286, m.weight("b"), 1e-15, "untouched coordinate keeps its weight");
        assertEquals(0.5151010239650894, m.predict(Map.of("a", 1.0, "b", 2.0, "c", 1.0)), 1e-12);
    }

    @Test
    void learnsASeparableSignal() {
        FtrlProximal m = new FtrlProximal(new FtrlProximal.Params(0.5, 1, 0, 0));
        SplittableRandom rng = new SplittableRandom(7);
        for (int i = 0; i < 2_000; i++) {
            boolean pos = rng.nextBoolean();
            m.update(Map.of("bias", 1.0, pos ? "good" : "bad", 1.0), pos);
        }
        assertTrue(m.predict(Map.of("bias", 1.0, "good", 1.0)) > 0.95);
        assertTrue(m.predict(Map.of("bias", 1.0, "bad", 1.0)) < 0.05);
        assertEquals(3, m.size());
    }

    @Test
    void refusesBadParamsAndValues() {
        assertThrows(IllegalArgumentException.class, () -> new FtrlProximal.Params(0, 1, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> new FtrlProximal.Params(0.1, 1, -1, 0));
        var e = assertThrows(IllegalArgumentException.class,
                () -> new FtrlProximal(P).update(Map.of("x", Double.NaN), true));
        assertEquals("feature x must be finite", e.getMessage());
    }
}
