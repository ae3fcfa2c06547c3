package dev.flywheel.feature;

import java.time.Duration;
import java.time.Instant;

/**
 * The decayed sum and count of the values paid for one item (or, for the global mean, for all
 * items): their ratio is a recency-weighted mean value, exact as of any time like every count.
 */
public final class ItemValue extends Compactable {
    private final DecayedCount sum;
    private final DecayedCount count;

    ItemValue(Duration halfLife) {
        sum = new DecayedCount(halfLife);
        count = new DecayedCount(halfLife);
    }

    void writeState(dev.flywheel.state.StateWriter out) {
        sum.writeState(out);
        count.writeState(out);
    }

    void readState(dev.flywheel.state.StateReader in) {
        sum.readState(in);
        count.readState(in);
    }

    void add(Instant at, double value) {
        sum.add(at, value);
        count.add(at, 1);
    }

    /** Takes away {@code part}'s values (one user's payments for this item), see {@link DecayedCount#subtract}. */
    void subtract(ItemValue part) {
        sum.subtract(part.sum);
        count.subtract(part.count);
    }

    /**
     * log(the item's mean value / {@code global}'s), the item's mean smoothed toward the global one
     * with {@code prior} pseudo-values: 0 (as dear as any) until values are known.
     */
    double logRatio(Instant at, ItemValue global, double prior) {
        double n = global.count.countAt(at);
        if (!(n > 0)) return 0;
        double mean = global.sum.countAt(at) / n;
        if (!(mean > 0)) return 0;
        double mine = (sum.countAt(at) + prior * mean) / (count.countAt(at) + prior);
        return mine > 0 ? Math.log(mine / mean) : 0;
    }

    @Override
    public void compact(Instant horizon) {
        sum.compact(horizon);
        count.compact(horizon);
    }

    @Override
    public boolean holdsUpdates() {
        return sum.pendingUpdates() + count.pendingUpdates() > 0;
    }

    @Override
    public long oldestHeldMillis() {
        return Math.min(sum.oldestHeldMillis(), count.oldestHeldMillis());
    }
}
