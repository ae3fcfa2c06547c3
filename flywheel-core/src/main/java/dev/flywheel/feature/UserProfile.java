package dev.flywheel.feature;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * A user's decayed affinity per term or topic: likes add the item's term vector ×(+1), dislikes
 * ×(−1), ignores ×(−0.1). Point-in-time exact like {@link DecayedCount}, which holds each term.
 */
public final class UserProfile extends Compactable {
    public static final double LIKE = 1.0;
    public static final double DISLIKE = -1.0;
    public static final double IGNORE = -0.1;

    private final Duration halfLife;
    private final Map<String, DecayedCount> terms = new HashMap<>();

    public UserProfile(Duration halfLife) {
        if (halfLife == null || halfLife.isZero() || halfLife.isNegative()) {
            throw new IllegalArgumentException("halfLife must be a positive duration");
        }
        this.halfLife = halfLife;
    }

    public void add(Map<String, Double> itemVector, double weight, Instant at) {
        for (Map.Entry<String, Double> e : itemVector.entrySet()) {
            terms.computeIfAbsent(e.getKey(), k -> new DecayedCount(halfLife)).add(at, weight * e.getValue());
        }
    }

    /**
     * The terms in the map's own order: restored by inserting them in that order, the map iterates
     * alike, and sums over it (a profile's norm) come out bit for bit.
     */
    void writeState(dev.flywheel.state.StateWriter out) {
        out.putInt(terms.size());
        terms.forEach((term, c) -> {
            out.putString(term);
            c.writeState(out);
        });
    }

    void readState(dev.flywheel.state.StateReader in) {
        for (int i = in.count(); i > 0; i--) {
            DecayedCount c = new DecayedCount(halfLife);
            terms.put(in.getString(), c);
            c.readState(in);
        }
    }

    public Map<String, Double> at(Instant t) {
        Map<String, Double> out = new HashMap<>();
        terms.forEach((term, c) -> {
            double v = c.valueAt(t);
            if (v != 0) out.put(term, v);
        });
        return out;
    }

    /** Cosine of the profile at {@code t} and {@code itemVector}; 0 when either is empty. */
    public double cosine(Map<String, Double> itemVector, Instant t) {
        Map<String, Double> profile = at(t);
        double dot = 0;
        for (Map.Entry<String, Double> e : itemVector.entrySet()) {
            dot += profile.getOrDefault(e.getKey(), 0.0) * e.getValue();
        }
        double norms = norm(profile) * norm(itemVector);
        return norms == 0 ? 0 : dot / norms;
    }

    @Override
    public void compact(Instant horizon) {
        terms.values().forEach(c -> c.compact(horizon));
    }

    @Override
    public long oldestHeldMillis() {
        long oldest = Long.MAX_VALUE;
        for (DecayedCount c : terms.values()) oldest = Math.min(oldest, c.oldestHeldMillis());
        return oldest;
    }

    @Override
    public boolean holdsUpdates() {
        for (DecayedCount c : terms.values()) {
            if (c.pendingUpdates() > 0) return true;
        }
        return false;
    }

    private static double norm(Map<String, Double> v) {
        double s = 0;
        for (double x : v.values()) s += x * x;
        return Math.sqrt(s);
    }
}
