package dev.flywheel.quality;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.statistics.distribution.NormalDistribution;

/**
 * Judges a window's feedback rates (reactions per impression) against the pooled reference windows
 * before it. A rate drifted when it moved in its adverse direction by more than the relative
 * {@code min_change} and a one-sided z-test rejects at the level spent on this window.
 *
 * <p>Why this test: the impressions of one decision are judged by one person at one moment, so they
 * are not independent trials; the variance of each rate is the ratio estimator's, clustered by
 * decision ({@code m/(m-1) · Σ(hᵢ − p·nᵢ)² / N²} over the m decisions), which a pooled binomial
 * variance would understate several-fold on slates of ten. And a monitor tests every window for as
 * long as it runs, so the level is spent over windows: the k-th window judged against one reference
 * gets {@code alpha / (k(k+1))}, and the chance of any false alert over the whole run stays below
 * {@code alpha} per rate. The reference is the last {@code baseline} judged windows; nothing is judged
 * until it is full, and it starts again after a drift, so the new level becomes the reference and one
 * shift raises one alert.
 */
final class RateDrift {
    private static final NormalDistribution NORMAL = NormalDistribution.of(0, 1);
    private final QualitySpec spec;
    private final ArrayDeque<LoopMonitors.WindowCounts> reference = new ArrayDeque<>();
    private long judged;

    RateDrift(QualitySpec spec) {
        this.spec = spec;
    }

    void writeState(dev.flywheel.state.StateWriter out) {
        out.putLong(judged);
        MonitorStateCodec.writeWindows(reference, out);
    }

    void readState(dev.flywheel.state.StateReader in, List<String> types) {
        judged = in.getLong();
        for (int i = in.count(); i > 0; i--) reference.addLast(MonitorStateCodec.readWindow(in, types));
    }

    /** One rate that drifted in a window. */
    record Shift(String type, double before, double now, double change, double threshold, double z, double p,
                 double level, long referenceImpressions, long impressions) {
        String describe() {
            return String.format(java.util.Locale.ROOT, "%s rate %.4f against %.4f over %d reference impressions "
                    + "(%+.1f %%; z = %.2f, one-sided p = %.2g below the level %.2g spent on this window; %d impressions)",
                    type, now, before, referenceImpressions, 100 * change, z, p, level, impressions);
        }
    }

    /** The rates that drifted in {@code window}; the window then joins the reference (or restarts it). */
    List<Shift> judge(LoopMonitors.WindowCounts window) {
        List<Shift> out = new ArrayList<>();
        if (reference.size() >= spec.baseline()) {
            judged++;
            double level = spec.alpha() / (judged * (judged + 1.0));
            for (int t = 0; t < window.types.size(); t++) {
                Shift s = shift(t, window, level);
                if (s != null) out.add(s);
            }
        }
        if (!out.isEmpty()) {
            reference.clear();
            judged = 0;
            return out;
        }
        reference.addLast(window);
        while (reference.size() > spec.baseline()) reference.removeFirst();
        return out;
    }

    private Shift shift(int t, LoopMonitors.WindowCounts window, double level) {
        String type = window.types.get(t);
        Rate ref = Rate.pooled(reference, t);
        Rate cur = Rate.pooled(List.of(window), t);
        double adverse = spec.rates().get(type) == QualitySpec.Direction.DOWN ? ref.p - cur.p : cur.p - ref.p;
        if (adverse <= 0) return null;
        double change = ref.p == 0 ? Double.POSITIVE_INFINITY : (cur.p - ref.p) / ref.p;
        if (Math.abs(change) <= spec.minChange()) return null;
        double se = Math.sqrt(ref.variance + cur.variance);
        double z = se == 0 ? Double.POSITIVE_INFINITY : adverse / se;
        double p = NORMAL.survivalProbability(z);
        if (!(p < level)) return null;
        double threshold = spec.rates().get(type) == QualitySpec.Direction.DOWN ? -spec.minChange() : spec.minChange();
        return new Shift(type, ref.p, cur.p, change, threshold, z, p, level, ref.impressions, cur.impressions);
    }

    /** A rate over windows and its variance, clustered by decision. */
    record Rate(double p, double variance, long impressions) {
        static Rate pooled(Iterable<LoopMonitors.WindowCounts> windows, int t) {
            long n = 0;
            long h = 0;
            long m = 0;
            double hh = 0;
            double nh = 0;
            double nn = 0;
            for (LoopMonitors.WindowCounts w : windows) {
                n += w.impressions;
                h += w.hits[t];
                m += w.decisions;
                hh += w.hitsSquared[t];
                nh += w.impressionsTimesHits[t];
                nn += w.impressionsSquared;
            }
            double p = (double) h / n;
            double residuals = Math.max(0, hh - 2 * p * nh + p * p * nn);
            double variance = m < 2 ? 0 : (double) m / (m - 1) * residuals / ((double) n * n);
            return new Rate(p, variance, n);
        }
    }
}
