package dev.flywheel.quality;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flywheel.quality.EmbeddingDrift.ComponentTest;
import dev.flywheel.stats.DriftTests;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Embedding drift against numpy 2.4.6 / scipy 1.17.1 on the same data. The windows (60 reference and
 * 70 current vectors of 8 float32 components; the current one shifted in components 0–2 and spread in
 * 3) are {@code quality/embedding-drift/windows.csv}, written by {@code reference.py} beside it, which
 * prints every expected value below ({@code reference-output.txt}): component tests by
 * {@code stats.ks_2samp} and {@code stats.wasserstein_distance / np.std}; ROC AUC by counting ranked
 * pairs and by {@code stats.mannwhitneyu} (U / n₊n₋); the ridge logistic regression by
 * {@code optimize.minimize} (BFGS, gradient below 1e-9) on the same objective.
 */
class EmbeddingDriftTest {
    static final float[][] REFERENCE;
    static final float[][] CURRENT;

    static {
        List<List<float[]>> w = readWindows();
        REFERENCE = w.get(0).toArray(new float[0][]);
        CURRENT = w.get(1).toArray(new float[0][]);
    }

    @Test
    void componentShareMatchesScipy() {
        double[] ksP = {8.675800002513292e-06, 0.000981676549014109, 0.10734321919801422, 0.057492001641253794,
            0.6552253875756842, 0.2943613726852253, 0.13033027919072837, 0.2943613726852253};
        double[] wasserstein = {0.8824717664375924, 0.5148136553372387, 0.3117800791449668, 0.4635293642418279,
            0.17967789207697882, 0.25548667676128034, 0.24917129365892984, 0.26003837701027044};
        for (int j = 0; j < 8; j++) {
            assertEquals(ksP[j], DriftTests.kolmogorovSmirnov(column(REFERENCE, j), column(CURRENT, j), 0.05).pValue(), 1e-12, "ks " + j);
            assertEquals(wasserstein[j], DriftTests.wasserstein(column(REFERENCE, j), column(CURRENT, j), 0.1).statistic(), 1e-12, "w " + j);
        }
        EmbeddingDrift.Result ks = EmbeddingDrift.driftedShare(REFERENCE, CURRENT);
        assertEquals(new EmbeddingDrift.Result("ratio", 0.25, 0.2, true, 60, 70), ks, "components 0 and 1 drifted by KS");
        EmbeddingDrift.Result w = EmbeddingDrift.driftedShare(REFERENCE, CURRENT, ComponentTest.WASSERSTEIN, 0.2);
        assertEquals(1.0, w.statistic(), "at 60 rows every component, unchanged ones too, is above 0.1");
    }

    @Test
    void distancesMatchNumpy() {
        EmbeddingDrift.Result d = EmbeddingDrift.meanDistance(REFERENCE, CURRENT, EmbeddingDrift.DISTANCE_THRESHOLD);
        assertEquals(0.06168104825972713, d.statistic(), 1e-12);
        assertFalse(d.drifted());
        assertEquals(0.3788798972431917, EmbeddingDrift.centroidCosineDistance(REFERENCE, CURRENT), 1e-12);
    }

    /** The pair count is exact, so the rank-sum formula must give the very same double. */
    @Test
    void rocAucEqualsTheMannWhitneyShareExactly() {
        double[] small = {0.1, 0.4, 0.35, 0.8, 0.4, 0.9, 0.2, 0.4, 0.65, 0.3};
        boolean[] smallY = {false, false, true, true, true, true, false, false, true, false};
        assertEquals(0.88, DomainClassifier.rocAuc(small, smallY), 0.0);
        double[] big = new double[200];
        boolean[] bigY = new boolean[200];
        for (int i = 0; i < 200; i++) {
            big[i] = (i * 37 % 101) / 4; // integer division: many ties
            bigY[i] = i * 13 % 7 < 3;
        }
        assertEquals(0.5105370843989769, DomainClassifier.rocAuc(big, bigY), 0.0);
        assertThrows(IllegalArgumentException.class, () -> DomainClassifier.rocAuc(new double[] {1, 2}, new boolean[] {true, true}));
    }

    @Test
    void ridgeLogisticRegressionMatchesScipy() {
        double[][] x = new double[130][];
        boolean[] y = new boolean[130];
        for (int i = 0; i < 60; i++) x[i] = widen(REFERENCE[i]);
        for (int i = 0; i < 70; i++) {
            x[60 + i] = widen(CURRENT[i]);
            y[60 + i] = true;
        }
        double[][] z = DomainClassifier.standardise(x, DomainClassifier.scale(x));
        assertFit(z, y, 0.1, new double[] {0.17956431781954232, 0.5983284608992024, 0.3342786848137281, 0.1407323601708956,
            0.20495077888529667, -0.08620358397754553, -0.18765023190021413, 0.15219830934865736, 0.14308418823454347}, 0.8004761904761905);
        assertFit(z, y, 1.0, new double[] {0.15639546256050393, 0.1651601245660184, 0.09524487245050715, 0.0508697709089812,
            0.05792191682504729, -0.031070198932700344, -0.04992663127208148, 0.0302408080556485, 0.04281867188701955}, 0.7983333333333333);
    }

    @Test
    void splitIsStratifiedAndSeeded() {
        DomainClassifier.Split s = DomainClassifier.split(REFERENCE, CURRENT, 7);
        assertEquals(30 + 35, s.trainX().length);
        assertEquals(30 + 35, s.testX().length);
        assertEquals(35, count(s.trainY()));
        assertEquals(35, count(s.testY()));
        DomainClassifier.Split odd = DomainClassifier.split(java.util.Arrays.copyOf(REFERENCE, 7), java.util.Arrays.copyOf(CURRENT, 9), 7);
        assertEquals(3 + 4, odd.trainX().length, "⌊n/2⌋ of each window trains");
        assertEquals(4 + 5, odd.testX().length, "⌈n/2⌉ of each window tests");
        EmbeddingDrift.Result a = EmbeddingDrift.domainClassifier(REFERENCE, CURRENT, 7);
        assertEquals(a, EmbeddingDrift.domainClassifier(REFERENCE, CURRENT, 7), "same seed, same verdict");
        assertNotEquals(a.statistic(), EmbeddingDrift.domainClassifier(REFERENCE, CURRENT, 8).statistic(), "the seed picks the split");
        assertEquals(60, a.referenceSize());
        assertEquals(70, a.currentSize());
        assertEquals(0.55, a.threshold());
    }

    /** Above 1,000 reference rows the size-based pick is the Wasserstein test (checked against scipy above). */
    @Test
    void largeReferencesAreJudgedByWasserstein() {
        SplittableRandom r = new SplittableRandom(3);
        float[][] ref = gaussian(r, 1_200, 10, 0);
        float[][] cur = gaussian(r, 300, 10, 0.08);
        assertEquals(EmbeddingDrift.driftedShare(ref, cur, ComponentTest.WASSERSTEIN, 0.2),
                EmbeddingDrift.driftedShare(ref, cur, ComponentTest.BY_REFERENCE_SIZE, 0.2));
        float[][] smallRef = java.util.Arrays.copyOf(ref, 1_000);
        assertEquals(ksShare(smallRef, cur), EmbeddingDrift.driftedShare(smallRef, cur).statistic());
    }

    @Test
    void reportCombinesTheMethods() {
        EmbeddingDrift.Report report = EmbeddingDrift.report(REFERENCE, CURRENT, 7);
        assertEquals(EmbeddingDrift.domainClassifier(REFERENCE, CURRENT, 7), report.model());
        assertEquals(EmbeddingDrift.driftedShare(REFERENCE, CURRENT), report.ratio());
        assertEquals("distance", report.distance().method());
        assertTrue(report.drifted(), "the ratio calls drift");
    }

    @Test
    void refusesWhatItCannotJudge() {
        float[][] one = {{1, 2}};
        float[][] two = {{1, 2}, {2, 3}};
        assertThrows(IllegalArgumentException.class, () -> EmbeddingDrift.domainClassifier(one, two, 1));
        assertThrows(IllegalArgumentException.class, () -> EmbeddingDrift.driftedShare(two, new float[][] {{1, 2}, {1, 2, 3}}));
        assertThrows(IllegalArgumentException.class, () -> EmbeddingDrift.driftedShare(two, new float[][] {{1, Float.NaN}, {1, 2}}));
        assertThrows(IllegalArgumentException.class, () -> EmbeddingDrift.domainClassifier(two, two, 0.55, 0, 1));
        assertThrows(IllegalArgumentException.class, () -> EmbeddingDrift.meanDistance(new float[][] {{}}, two, 0.2));
    }

    private static void assertFit(double[][] z, boolean[] y, double ridge, double[] expected, double auc) {
        double[] beta = DomainClassifier.fit(z, y, ridge);
        assertArrayEquals(expected, beta, 1e-7, "ridge " + ridge);
        double[] scores = new double[z.length];
        for (int i = 0; i < z.length; i++) scores[i] = DomainClassifier.score(beta, z[i]);
        assertEquals(auc, DomainClassifier.rocAuc(scores, y), 0.0, "in-sample AUC, ridge " + ridge);
    }

    static double ksShare(float[][] ref, float[][] cur) {
        int drifted = 0;
        for (int j = 0; j < ref[0].length; j++) {
            if (DriftTests.kolmogorovSmirnov(column(ref, j), column(cur, j), 0.05).drifted()) drifted++;
        }
        return (double) drifted / ref[0].length;
    }

    /** n vectors of independent N(shift, 1) components. */
    static float[][] gaussian(SplittableRandom r, int n, int dims, double shift) {
        float[][] out = new float[n][dims];
        for (float[] row : out) for (int j = 0; j < dims; j++) row[j] = (float) (r.nextGaussian() + shift);
        return out;
    }

    static double[] column(float[][] rows, int j) {
        double[] out = new double[rows.length];
        for (int i = 0; i < rows.length; i++) out[i] = rows[i][j];
        return out;
    }

    private static double[] widen(float[] v) {
        double[] out = new double[v.length];
        for (int j = 0; j < v.length; j++) out[j] = v[j];
        return out;
    }

    private static int count(boolean[] b) {
        int n = 0;
        for (boolean v : b) if (v) n++;
        return n;
    }

    private static List<List<float[]>> readWindows() {
        try (InputStream in = EmbeddingDriftTest.class.getResourceAsStream("/quality/embedding-drift/windows.csv")) {
            if (in == null) throw new IllegalStateException("quality/embedding-drift/windows.csv is missing from the test resources");
            List<List<float[]>> windows = List.of(new ArrayList<>(), new ArrayList<>());
            String[] lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n");
            for (int i = 1; i < lines.length; i++) {
                String[] f = lines[i].split(",");
                float[] v = new float[f.length - 1];
                for (int j = 1; j < f.length; j++) v[j - 1] = Float.parseFloat(f[j]);
                windows.get(f[0].equals("reference") ? 0 : 1).add(v);
            }
            return windows;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
