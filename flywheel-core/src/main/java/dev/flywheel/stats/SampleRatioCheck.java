package dev.flywheel.stats;

import dev.flywheel.stats.internal.Checks;
import java.util.Arrays;
import org.apache.commons.statistics.distribution.ChiSquaredDistribution;

/**
 * Sample-ratio mismatch: Pearson chi-square of observed unit counts per arm against the expected split.
 * A mismatch (p below {@link #THRESHOLD}) means the assignment or logging is broken and the experiment's
 * comparisons should not be trusted.
 */
public record SampleRatioCheck(long[] observed, double[] expectedShares, double chiSquare, int df, double pValue,
                               boolean mismatch) {
    /** The conventional, deliberately strict threshold: SRM checks run on every experiment. */
    public static final double THRESHOLD = 0.001;

    public SampleRatioCheck {
        observed = observed.clone();
        expectedShares = expectedShares.clone();
        Checks.sameLength("observed", observed.length, "expectedShares", expectedShares.length);
        Checks.nonNegative("chiSquare", chiSquare);
        Checks.probability("pValue", pValue);
    }

    /** Tests {@code observed} counts against {@code expectedShares} (any positive weights; normalised). */
    public static SampleRatioCheck test(long[] observed, double[] expectedShares) {
        Checks.sameLength("observed", observed.length, "expectedShares", expectedShares.length);
        Checks.minLength("observed", observed.length, 2);
        double total = Arrays.stream(observed).sum();
        double shareSum = Arrays.stream(expectedShares).sum();
        if (total <= 0) {
            throw new IllegalArgumentException("observed counts must sum to > 0");
        }
        double chi = 0;
        for (int i = 0; i < observed.length; i++) {
            if (observed[i] < 0) {
                throw new IllegalArgumentException("observed[" + i + "] must be >= 0, got " + observed[i]);
            }
            if (!(expectedShares[i] > 0)) {
                throw new IllegalArgumentException("expectedShares[" + i + "] must be > 0, got " + expectedShares[i]);
            }
            double expected = total * expectedShares[i] / shareSum;
            chi += (observed[i] - expected) * (observed[i] - expected) / expected;
        }
        int df = observed.length - 1;
        double p = ChiSquaredDistribution.of(df).survivalProbability(chi);
        return new SampleRatioCheck(observed, expectedShares, chi, df, p, p < THRESHOLD);
    }

    /** Equal expected split. */
    public static SampleRatioCheck equalSplit(long[] observed) {
        double[] shares = new double[observed.length];
        Arrays.fill(shares, 1.0);
        return test(observed, shares);
    }

    @Override
    public long[] observed() {
        return observed.clone();
    }

    @Override
    public double[] expectedShares() {
        return expectedShares.clone();
    }
}
