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
 * @param matched decisions where the shadow's first item was the champion's
 */
record ShadowEstimate(double challenger, double champion, double diff, double standardError, int decisions, int matched) {
    private static final double Z95 = 1.959963984540054;

    static ShadowEstimate of(List<ShadowMatch> m) {
        int n = m.size();
        double sumW = 0;
        double sumWr = 0;
        double sumR = 0;
        int matched = 0;
        for (ShadowMatch x : m) {
            double w = x.same() ? 1 / x.propensity() : 0;
            sumW += w;
            sumWr += w * x.reward();
            sumR += x.reward();
            if (x.same()) matched++;
        }
        double champion = sumR / n;
        if (matched == 0) return new ShadowEstimate(Double.NaN, champion, Double.NaN, Double.NaN, n, 0);
        double v = sumWr / sumW;
        double meanW = sumW / n;
        double ss = 0;
        for (ShadowMatch x : m) {
            double w = x.same() ? 1 / x.propensity() : 0;
            double psi = w * (x.reward() - v) / meanW - (x.reward() - champion);
            ss += psi * psi;
        }
        double se = Math.sqrt(ss / ((double) n * Math.max(1, n - 1)));
        return new ShadowEstimate(v, champion, v - champion, se, n, matched);
    }

    double low() {
        return diff - Z95 * standardError;
    }

    double high() {
        return diff + Z95 * standardError;
    }

    Map<String, Double> numbers(double threshold) {
        Map<String, Double> out = new TreeMap<>();
        out.put("ope.champion", champion);
        out.put("ope.decisions", (double) decisions);
        out.put("ope.matched", (double) matched);
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
