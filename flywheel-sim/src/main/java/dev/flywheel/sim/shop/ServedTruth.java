package dev.flywheel.sim.shop;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * The truth of the experiment the engine ran, from the slates it actually served: each session's
 * expected revenue (the world's closed form for the shopper, in their state at the time) is tallied
 * by allocation period, arm and version. A version's uplift against its parent is the mean expected
 * revenue of its canary arm minus that of the champion arm over the periods of its canary; against
 * the holdout, its champion arm minus the holdout arm over the periods it was champion. Only the
 * purchase lottery is taken out: the shoppers who came, and what each arm's slates did to their
 * state (a purchase boosts its complements), stay in, as they do in the engine's estimate.
 */
public final class ServedTruth {
    private record Key(int period, String arm, String version) { }

    private final Map<Key, double[]> tally = new HashMap<>();
    private final Set<String> versions = new LinkedHashSet<>();

    public synchronized void add(ShopSession s) {
        DecideAnswer a = s.answer();
        versions.add(a.model());
        double[] t = tally.computeIfAbsent(new Key(a.period(), a.arm(), a.model()), k -> new double[2]);
        t[0] += s.expectedRevenue();
        t[1]++;
    }

    /** Every version that served, in order of first appearance. */
    public synchronized Map<String, VersionTruth> truth() {
        Map<String, VersionTruth> out = new LinkedHashMap<>();
        for (String v : versions) out.put(v, new VersionTruth(vsParent(v), vsHoldout(v)));
        return out;
    }

    private double vsParent(String v) {
        Set<Integer> periods = periods("canary", v);
        return mean("canary", v, periods) - mean("champion", null, periods);
    }

    private double vsHoldout(String v) {
        Set<Integer> periods = periods("champion", v);
        periods.retainAll(periods("holdout", null));
        for (Key k : tally.keySet()) if (k.arm().equals("holdout") && k.version().equals(v)) periods.remove(k.period());
        return mean("champion", v, periods) - mean("holdout", null, periods);
    }

    private Set<Integer> periods(String arm, String version) {
        Set<Integer> out = new LinkedHashSet<>();
        for (Key k : tally.keySet()) if (k.arm().equals(arm) && (version == null || k.version().equals(version))) out.add(k.period());
        return out;
    }

    /** Mean expected revenue per session of {@code arm} (and {@code version}, unless null) over {@code periods}; NaN when none. */
    private double mean(String arm, String version, Set<Integer> periods) {
        double sum = 0;
        double n = 0;
        for (Map.Entry<Key, double[]> e : tally.entrySet()) {
            Key k = e.getKey();
            if (k.arm().equals(arm) && periods.contains(k.period()) && (version == null || k.version().equals(version))) {
                sum += e.getValue()[0];
                n += e.getValue()[1];
            }
        }
        return n == 0 ? Double.NaN : sum / n;
    }
}
