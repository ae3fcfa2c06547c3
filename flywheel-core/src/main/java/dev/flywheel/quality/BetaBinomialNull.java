package dev.flywheel.quality;

import java.util.Arrays;
import org.apache.commons.numbers.gamma.Erfc;
import org.apache.commons.numbers.gamma.LogBeta;

/**
 * What honest items' dislikes after their clicks look like. Honest items differ in how often they
 * disappoint (a dull or off-topic article far more than a good one), so each has its own rate; the
 * rates over items are a beta of {@code mean} and {@code variance}, and an item's dislikes in n
 * clicks are beta-binomial. Under one binomial rate for all, every well-read article that
 * disappoints more than the median looks like clickbait.
 *
 * <p>The beta must not be widened by clickbait (it would then be so wide that nothing is named) and
 * must be by the honest items that disappoint. It grows from a binomial at the median rate of all
 * the items (most are honest): the items within {@link #FIT_TAIL} of its upper tail are fitted by
 * moments, and again, until they stop changing. Honest items that disappoint come in as the beta
 * widens; clickbait, far above, stays out, except articles with few clicks, which cannot be told
 * from honest ones: each item's square counts for at most {@link #CLIP}² of its own variances, so
 * that a handful of those cannot widen the beta enough to let more in, and more, until it has
 * swallowed the clickbait.
 *
 * <p>Not the median and median absolute deviation of the rates: with few clicks an item's rate is
 * mostly binomial noise, in lumps (0, 1/5, 1/4...), so the deviation measures the noise and its lumps
 * rather than the spread between items, and it moves with the clickbait, all on one side. Nor a fit
 * on the well-observed items alone: clickbait is clicked more, so it can outnumber the honest items
 * among them, and the honest ones clicked most are those people like, not the typical one.
 */
record BetaBinomialNull(double mean, double variance, double alpha, double beta) {
    /** The upper tail beyond which an item is left out of the fit: far wider than any naming level. */
    static final double FIT_TAIL = 1e-3;
    /** How many standard deviations of its own an item's distance from the mean counts for at most. */
    static final double CLIP = 3;
    /** E min(Z², CLIP²) for a standard normal Z: what clipping takes off an honest population's squares. */
    static final double CLIPPED_SQUARE = clippedSquare(CLIP);
    /** alpha + beta at most this (a variance floor): a population of equal rates is then a binomial. */
    static final double MAX_SIZE = 1e6;
    /** alpha + beta at least this: rates spread wider than a uniform's are not a population. */
    static final double MIN_SIZE = 2;
    private static final int MAX_ROUNDS = 50;

    /** The beta of this mean and variance (method of moments), within the bounds above. */
    static BetaBinomialNull of(double mean, double variance) {
        double mu = Math.min(Math.max(mean, 1e-6), 1 - 1e-6);
        double v = mu * (1 - mu);
        double size = variance > 0 ? v / variance - 1 : MAX_SIZE;
        size = Math.min(Math.max(size, MIN_SIZE), MAX_SIZE);
        return new BetaBinomialNull(mu, v / (size + 1), mu * size, (1 - mu) * size);
    }

    /** The null of the items with these clicks and dislikes, fitted as the class says. */
    static BetaBinomialNull fit(long[] clicks, long[] dislikes) {
        // at least FIT_TAIL, so that one dislike is within the start whatever the clicks: where most
        // items were never disliked the median is 0, and a start at 0 would keep out every dislike
        BetaBinomialNull fit = of(Math.max(medianRate(clicks, dislikes), FIT_TAIL), 0);
        boolean[] kept = null;
        for (int round = 0; round < MAX_ROUNDS; round++) {
            boolean[] next = fit.within(clicks, dislikes);
            // nothing left to fit (every item far from every other): the wide fit of all names least
            if (count(next) < 2) return moments(clicks, dislikes, all(clicks.length));
            if (Arrays.equals(next, kept)) break;
            kept = next;
            fit = moments(clicks, dislikes, kept);
        }
        return fit;
    }

    /** Which items are not beyond FIT_TAIL of this beta. */
    private boolean[] within(long[] clicks, long[] dislikes) {
        boolean[] out = new boolean[clicks.length];
        for (int i = 0; i < clicks.length; i++) out[i] = tail(clicks[i], dislikes[i]) >= FIT_TAIL;
        return out;
    }

    private static boolean[] all(int items) {
        boolean[] all = new boolean[items];
        Arrays.fill(all, true);
        return all;
    }

    private static int count(boolean[] kept) {
        int n = 0;
        for (boolean k : kept) if (k) n++;
        return n;
    }

    /**
     * The beta of the used items' rates by moments, each rate weighed by its clicks (its precision
     * while the spread between items is small): the pooled rate, and the weighted squares of the rates
     * around it less what binomial noise alone gives them, from
     * {@code E S = mu(1-mu)(m-1) + variance (W - sum n² / W - (m-1))} for m items of W clicks. Each
     * square is clipped at {@link #CLIP}² variances of its item under the fitted beta (so the variance
     * is a fixed point, iterated from the unclipped one) and the sum divided by what clipping takes off
     * normal squares.
     */
    static BetaBinomialNull moments(long[] clicks, long[] dislikes, boolean[] use) {
        double w = 0;
        double d = 0;
        double w2 = 0;
        int m = 0;
        for (int i = 0; i < clicks.length; i++) {
            if (!use[i] || clicks[i] == 0) continue;
            w += clicks[i];
            d += dislikes[i];
            w2 += (double) clicks[i] * clicks[i];
            m++;
        }
        if (m == 0) return of(0, 0);
        double mean = d / w;
        double noise = mean * (1 - mean) * (m - 1);
        double denominator = w - w2 / w - (m - 1);
        if (denominator <= 0) return of(mean, 0);
        double variance = (squares(clicks, dislikes, use, mean, Double.POSITIVE_INFINITY) - noise) / denominator;
        for (int round = 0; round < MAX_ROUNDS && variance > 0; round++) {
            double next = (squares(clicks, dislikes, use, mean, variance) / CLIPPED_SQUARE - noise) / denominator;
            if (Math.abs(next - variance) <= 1e-12 * variance) break;
            variance = next;
        }
        return of(mean, variance);
    }

    /** The sum of clicks times squared distance from the mean, each clipped at CLIP² of its item's variance. */
    private static double squares(long[] clicks, long[] dislikes, boolean[] use, double mean, double variance) {
        double s = 0;
        for (int i = 0; i < clicks.length; i++) {
            if (!use[i] || clicks[i] == 0) continue;
            double n = clicks[i];
            double r = dislikes[i] / n - mean;
            double own = mean * (1 - mean) / n + variance * (1 - 1 / n);
            s += n * Math.min(r * r, CLIP * CLIP * own);
        }
        return s;
    }

    /**
     * P(X >= k) for X beta-binomial over n clicks. The side of k away from the mean is summed, so a
     * tiny tail keeps its digits, term by term from the one next to k (neighbouring terms differ by a
     * ratio; the beta-binomial has one mode or none, so the terms only shrink once they start to).
     */
    double tail(long n, long k) {
        if (k <= 0) return 1;
        if (k > n) return 0;
        if (k >= n * mean) return upper(n, k);
        return Math.max(0, 1 - lower(n, k - 1));
    }

    /** The sum of P(X = x) for x from k to n. */
    private double upper(long n, long k) {
        double total = 0;
        double term = 1;
        for (long x = k; ; x++) {
            total += term;
            if (x == n) break;
            double ratio = (n - x) * (x + alpha) / ((x + 1) * (n - x - 1 + beta));
            term *= ratio;
            if (ratio < 1 && term < 1e-17 * total) break;
        }
        return Math.exp(logPmf(n, k) + Math.log(total));
    }

    /** The sum of P(X = x) for x from k down to 0. */
    private double lower(long n, long k) {
        double total = 0;
        double term = 1;
        for (long x = k; ; x--) {
            total += term;
            if (x == 0) break;
            double ratio = x * (n - x + beta) / ((n - x + 1) * (x - 1 + alpha));
            term *= ratio;
            if (ratio < 1 && term < 1e-17 * total) break;
        }
        return Math.exp(logPmf(n, k) + Math.log(total));
    }

    /** log P(X = x): C(n, x) B(x + alpha, n - x + beta) / B(alpha, beta), with C(n, x) = 1 / ((n + 1) B(x + 1, n - x + 1)). */
    private double logPmf(long n, long x) {
        return LogBeta.value(x + alpha, n - x + beta) - LogBeta.value(alpha, beta)
                - Math.log(n + 1.0) - LogBeta.value(x + 1.0, n - x + 1.0);
    }

    /** E min(Z², c²) = P(|Z| < c) - 2 c φ(c) + 2 c² P(Z > c), with 2 P(Z > c) = erfc(c / √2). */
    private static double clippedSquare(double c) {
        double outside = Erfc.value(c / Math.sqrt(2));
        double density = Math.exp(-c * c / 2) / Math.sqrt(2 * Math.PI);
        return 1 - outside - 2 * c * density + c * c * outside;
    }

    private static double medianRate(long[] clicks, long[] dislikes) {
        double[] rates = new double[clicks.length];
        for (int i = 0; i < clicks.length; i++) rates[i] = clicks[i] == 0 ? 0 : (double) dislikes[i] / clicks[i];
        return ContaminationMonitor.Robust.of(rates).median();
    }
}
