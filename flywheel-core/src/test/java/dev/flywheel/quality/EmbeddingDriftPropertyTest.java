package dev.flywheel.quality;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;

/**
 * Both methods on windows drawn from known distributions: 400 vectors a window, 64 components with
 * their own means and spreads (some skewed), like an embedding's. The margins are wide enough that a
 * failure is a bug, not bad luck: with test halves of 200 + 200 the AUC's standard deviation under no
 * drift is 0.029 (0.12 is over four), and 13 of 64 components drifting by chance at the 5 % level has
 * probability about 1e-5.
 */
class EmbeddingDriftPropertyTest {
    private static final int ROWS = 400;
    private static final int DIMS = 64;

    @Property(tries = 15, seed = "20261201")
    void theSameDistributionDoesNotDrift(@ForAll long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        Population p = new Population(r);
        float[][] reference = p.sample(r, 0, 0);
        float[][] current = p.sample(r, 0, 0);
        EmbeddingDrift.Result model = EmbeddingDrift.domainClassifier(reference, current, seed);
        EmbeddingDrift.Result ratio = EmbeddingDrift.driftedShare(reference, current);
        assertTrue(Math.abs(model.statistic() - 0.5) < 0.12, "AUC near chance: " + model);
        assertTrue(ratio.statistic() <= 0.2 && !ratio.drifted(), "few components by chance: " + ratio);
    }

    @Property(tries = 15, seed = "20261201")
    void aShiftedMeanDrifts(@ForAll long seed, @ForAll @IntRange(min = 16, max = 64) int shifted,
                            @ForAll @DoubleRange(min = 0.5, max = 2) double shiftInSds) {
        SplittableRandom r = new SplittableRandom(seed);
        Population p = new Population(r);
        float[][] reference = p.sample(r, 0, 0);
        float[][] current = p.sample(r, shifted, shiftInSds);
        EmbeddingDrift.Result model = EmbeddingDrift.domainClassifier(reference, current, seed);
        EmbeddingDrift.Result ratio = EmbeddingDrift.driftedShare(reference, current);
        assertTrue(model.drifted() && model.statistic() > 0.8, "the classifier tells the windows apart: " + model);
        assertTrue(ratio.drifted(), "a quarter or more of the components moved: " + ratio);
    }

    /** Per component a mean, a spread and a shape (normal, or a centred exponential for skew). */
    private static final class Population {
        final double[] mean = new double[DIMS];
        final double[] sd = new double[DIMS];
        final boolean[] skewed = new boolean[DIMS];

        Population(SplittableRandom r) {
            for (int j = 0; j < DIMS; j++) {
                mean[j] = r.nextDouble(-0.1, 0.1);
                sd[j] = r.nextDouble(0.02, 0.08);
                skewed[j] = r.nextInt(4) == 0;
            }
        }

        /** ROWS vectors, the first {@code shifted} components moved by {@code shiftInSds} of their spread. */
        float[][] sample(SplittableRandom r, int shifted, double shiftInSds) {
            float[][] out = new float[ROWS][DIMS];
            for (float[] row : out) {
                for (int j = 0; j < DIMS; j++) {
                    double noise = skewed[j] ? -Math.log(1 - r.nextDouble()) - 1 : r.nextGaussian();
                    row[j] = (float) (mean[j] + sd[j] * (noise + (j < shifted ? shiftInSds : 0)));
                }
            }
            return out;
        }
    }
}
