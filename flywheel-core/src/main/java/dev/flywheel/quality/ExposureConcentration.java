package dev.flywheel.quality;

import java.util.Arrays;
import java.util.Collection;

/**
 * How concentrated exposure is over items: the Gini coefficient of the exposure counts (0 when every
 * item is shown alike, → 1 when one item takes everything) and the effective number of items,
 * 1 / Σ share² (n when even, 1 when one item takes everything). A loop that feeds on its own
 * decisions can narrow what it shows window after window (self-reinforcement); both numbers rising
 * and falling together against the reference window is that sign.
 *
 * @param gini  the Gini coefficient of the counts
 * @param items the effective number of items
 */
public record ExposureConcentration(double gini, double items) {

    /** Over the items' exposure counts in a window (items never shown may be left out or given as 0). */
    public static ExposureConcentration of(Collection<Long> counts) {
        double[] x = counts.stream().mapToDouble(Long::doubleValue).sorted().toArray();
        if (Arrays.stream(x).anyMatch(v -> v < 0)) throw new IllegalArgumentException("counts must not be negative");
        double total = Arrays.stream(x).sum();
        if (x.length == 0 || total == 0) return new ExposureConcentration(0, 0);
        int n = x.length;
        double weighted = 0;
        double squares = 0;
        for (int i = 0; i < n; i++) {
            weighted += (i + 1) * x[i];
            squares += (x[i] / total) * (x[i] / total);
        }
        return new ExposureConcentration(2 * weighted / (n * total) - (n + 1.0) / n, 1 / squares);
    }

    /**
     * Whether this window is narrower than {@code reference} by more than {@code margin} of Gini (and
     * shows fewer effective items): the self-reinforcement alert.
     */
    public boolean narrowerThan(ExposureConcentration reference, double margin) {
        return gini - reference.gini > margin && items < reference.items;
    }
}
