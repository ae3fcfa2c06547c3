package dev.flywheel.feature;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A sum of weights that halves every {@code halfLife}: value(t) = Σ_{tᵢ ≤ t} wᵢ · 2^(−(t − tᵢ)/h).
 *
 * <p>Point-in-time exact: updates are kept with their timestamps, so a value for time t ignores
 * updates stamped after t, and updates may arrive in any order. {@link #compact(Instant)} folds old
 * updates into one decayed base to bound memory; afterwards values before the horizon are no longer
 * available (asking throws) and updates older than the horizon still count for later times.
 */
public final class DecayedCount {
    private record Update(Instant at, double weight) { }

    private final double halfLifeMillis;
    private final List<Update> recent = new ArrayList<>();
    private double base;
    private Instant baseTime;

    public DecayedCount(Duration halfLife) {
        if (halfLife == null || halfLife.isZero() || halfLife.isNegative()) {
            throw new IllegalArgumentException("halfLife must be a positive duration");
        }
        this.halfLifeMillis = halfLife.toMillis();
    }

    public void add(Instant at, double weight) {
        if (at == null) throw new IllegalArgumentException("at is required");
        if (!Double.isFinite(weight)) throw new IllegalArgumentException("weight must be finite");
        if (baseTime != null && !at.isAfter(baseTime)) {
            base += weight * decay(baseTime, at);
            return;
        }
        int i = recent.size();
        while (i > 0 && recent.get(i - 1).at().isAfter(at)) i--;
        recent.add(i, new Update(at, weight));
    }

    /** The decayed sum as of {@code t}, counting only updates stamped at or before {@code t}. */
    public double valueAt(Instant t) {
        if (baseTime != null && t.isBefore(baseTime)) {
            throw new IllegalStateException("history before " + baseTime + " was compacted; asked for " + t);
        }
        double v = baseTime == null ? 0 : base * decay(t, baseTime);
        for (Update u : recent) {
            if (u.at().isAfter(t)) break;
            v += u.weight() * decay(t, u.at());
        }
        return v;
    }

    /** Folds updates at or before {@code horizon} into the base; a horizon behind the base is a no-op. */
    public void compact(Instant horizon) {
        if (baseTime != null && !horizon.isAfter(baseTime)) return;
        double v = valueAt(horizon);
        recent.removeIf(u -> !u.at().isAfter(horizon));
        base = v;
        baseTime = horizon;
    }

    /** Updates still held individually, for tests and memory accounting. */
    public int pendingUpdates() {
        return recent.size();
    }

    private double decay(Instant now, Instant then) {
        long dt = Duration.between(then, now).toMillis();
        return Math.pow(2, -dt / halfLifeMillis);
    }
}
