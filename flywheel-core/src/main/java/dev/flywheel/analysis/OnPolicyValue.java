package dev.flywheel.analysis;

import dev.flywheel.stats.Interval;
import dev.flywheel.stats.Proportion;
import dev.flywheel.stats.internal.Quantiles;

/**
 * What the logging policy itself earned per logged row, to check off-policy estimates of that same
 * policy against: for 0/1 rewards a click rate with its Wilson interval, for other rewards (an
 * outcome's weighted reward) the mean with its normal interval.
 *
 * @param rate      the mean reward per row (the click rate for 0/1 rewards)
 * @param positives rows with a reward above 0
 */
public record OnPolicyValue(double rate, Interval interval, long n, long positives) {
    public OnPolicyValue {
        if (interval == null) throw new IllegalArgumentException("interval is required");
        if (n < 0 || positives < 0 || positives > n) throw new IllegalArgumentException("need 0 <= positives <= n");
    }

    public static OnPolicyValue of(Proportion p) {
        return new OnPolicyValue(p.rate(), p.interval(), p.trials(), p.successes());
    }

    /**
     * From the running sums of the rewards: Wilson when every reward was 0 or 1, else the mean ± z·s/√n.
     *
     * @param binary whether every reward was 0 or 1
     */
    static OnPolicyValue of(long n, double sum, double sumOfSquares, long positives, boolean binary, double confidence) {
        if (binary || n < 2) return of(Proportion.wilson(Math.round(sum), n, confidence));
        double mean = sum / n;
        double variance = Math.max(0, (sumOfSquares - n * mean * mean) / (n - 1));
        return new OnPolicyValue(mean, Interval.around(mean, Quantiles.z(confidence) * Math.sqrt(variance / n)), n, positives);
    }
}
