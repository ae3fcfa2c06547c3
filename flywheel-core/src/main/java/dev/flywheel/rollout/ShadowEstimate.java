package dev.flywheel.rollout;

import dev.flywheel.rollout.RolloutData.ShadowMatch;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The self-normalised importance-weighted (SNIPS) value of a shadow's first slot against the
 * champion's, from the champion's decisions: V = Σ w r / Σ w with w = [same first item] / propensity,
 * the champion's value the mean r, and the difference's standard error by the delta method over the
 * paired per-decision terms w (r − V) / mean(w) − (r − mean r).
 *
 * <p>A few matches that all happened to earn nothing give the challenger's part a variance of 0 and
 * the difference a falsely narrow interval (a rare purchase is exactly what a few matches miss). So
 * the interval the rule reads uses at least the error of a mean of the champion's rewards over the
 * matches' effective sample size (Kish: (Σw)² / Σw²), which is the challenger's error if it earned
 * like the champion, and the rule only reads it once that effective sample is {@link #ENOUGH}.
 *
 * @param matched   decisions where the shadow's first item was the champion's
 * @param effective the matches' effective sample size
 * @param floor     the champion's reward standard deviation over √effective
 */
record ShadowEstimate(double challenger, double champion, double diff, double standardError, int decisions, int matched,
                      double effective, double floor) {
    private static final double Z95 = 1.959963984540054;
    /** Effective matches below which an asymptotic interval says nothing: the canary decides. */
    static final double ENOUGH = 30;

    static ShadowEstimate of(List<ShadowMatch> m) {
        int n = m.size();
        double sumW = 0;
        double sumWr = 0;
        double sumW2 = 0;
        double sumR = 0;
        int matched = 0;
        for (ShadowMatch x : m) {
            double w = x.same() ? 1 / x.propensity() : 0;
            sumW += w;
            sumW2 += w * w;
            sumWr += w * x.reward();
            sumR += x.reward();
            if (x.same()) matched++;
        }
        double champion = sumR / n;
        if (matched == 0) return new ShadowEstimate(Double.NaN, champion, Double.NaN, Double.NaN, n, 0, 0, Double.NaN);
        double effective = sumW * sumW / sumW2;
        double v = sumWr / sumW;
        double meanW = sumW / n;
        double ss = 0;
        double squares = 0; // of the champion's rewards about their mean, for the floor
        for (ShadowMatch x : m) {
            double w = x.same() ? 1 / x.propensity() : 0;
            double psi = w * (x.reward() - v) / meanW - (x.reward() - champion);
            ss += psi * psi;
            squares += (x.reward() - champion) * (x.reward() - champion);
        }
        double se = Math.sqrt(ss / ((double) n * Math.max(1, n - 1)));
        double varR = squares / Math.max(1, n - 1);
        return new ShadowEstimate(v, champion, v - champion, se, n, matched, effective, Math.sqrt(varR / effective));
    }

    /** Whether the matches are enough to read the interval. */
    boolean judgeable() {
        return matched > 0 && effective >= ENOUGH;
    }

    double low() {
        return diff - Z95 * Math.max(standardError, floor);
    }

    double high() {
        return diff + Z95 * Math.max(standardError, floor);
    }

    Map<String, Double> numbers(double threshold) {
        Map<String, Double> out = new TreeMap<>();
        out.put("ope.champion", champion);
        out.put("ope.decisions", (double) decisions);
        out.put("ope.matched", (double) matched);
        if (matched > 0) out.put("ope.effective", effective);
        out.put("ope.threshold", threshold);
        if (matched > 0) {
            out.put("ope.estimate", challenger);
            out.put("ope.diff", diff);
            out.put("ope.ci_low", low());
            out.put("ope.ci_high", high());
        }
        return out;
    }
}
