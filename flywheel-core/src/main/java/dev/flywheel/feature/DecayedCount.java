package dev.flywheel.feature;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;

/**
 * A sum of weights that halves every {@code halfLife}: value(t) = Σ_{tᵢ ≤ t} wᵢ · 2^(−(t − tᵢ)/h).
 *
 * <p>Point-in-time exact: updates are kept with their timestamps, so a value for time t ignores
 * updates stamped after t, and updates may arrive in any order. {@link #compact(Instant)} folds old
 * updates into one decayed base to bound memory; afterwards a value before the horizon is answered
 * as of the horizon and updates older than the horizon still count for later times.
 *
 * <p>Decide asks for "now", which is at or after every update; compaction keeps the updates of the
 * last outcome window, thousands per busy item. So the sum of all held updates as of the newest one
 * is kept up to date on every add, and a value at or after it costs one {@code pow}; only a value
 * in the middle of the held updates (training, as of a past decision) sums them one by one.
 */
public final class DecayedCount {
    /** Below this a count read with {@link #countAt} is rounding left by a subtraction. */
    private static final double RESIDUE = 1e-9;
    private final double halfLifeMillis;
    /**
     * Held updates, sorted by time (stable: equal times in arrival order), as epoch seconds and nanos
     * (exact order) and epoch millis (the decay): primitive arrays, not millions of Instant
     * references for young collections to scan (median pause 71 -> 25 ms in docs/performance.md).
     */
    private static final long[] NO_LONGS = new long[0];
    private static final int[] NO_INTS = new int[0];
    private static final double[] NO_DOUBLES = new double[0];
    // shared empty arrays until the first held update, and again once compaction folded them all:
    // a history of millions of (user, item) counts holds no arrays for the ones that went quiet
    private long[] seconds = NO_LONGS;
    private int[] nanos = NO_INTS;
    private long[] millis = NO_LONGS;
    private double[] weights = NO_DOUBLES;
    private int n;
    /**
     * The newest held update's time, copied out of the arrays: a value "now" then touches only this
     * object, not four arrays (a decision asks ~16 counts per candidate, and each array was a cache
     * miss: DecayedCount.after was the top frame of valueAt).
     */
    private long newestSeconds;
    private int newestNanos;
    private long newestMillis;
    /** Σ of the held updates as of {@code newestMillis}. */
    private double head;
    private double base;
    /**
     * The compaction horizon the base is as of, as primitives ({@code hasBase} false: none): an
     * Instant here was one object per compacted count, millions of them for a history's quiet
     * (user, item) counts, each one more for the collector to walk (docs/performance.md).
     */
    private boolean hasBase;
    private long baseSeconds;
    private int baseNanos;
    private long baseMillis;

    public DecayedCount(Duration halfLife) {
        this.halfLifeMillis = positive(halfLife).toMillis();
    }

    /** {@code halfLife}, refused unless a positive duration. */
    static Duration positive(Duration halfLife) {
        if (halfLife == null || halfLife.isZero() || halfLife.isNegative()) {
            throw new IllegalArgumentException("halfLife must be a positive duration");
        }
        return halfLife;
    }

    public void add(Instant at, double weight) {
        if (at == null) throw new IllegalArgumentException("at is required");
        if (!Double.isFinite(weight)) throw new IllegalArgumentException("weight must be finite");
        if (hasBase && compare(baseSeconds, baseNanos, at) >= 0) {
            base += weight * decay(baseMillis, at.toEpochMilli());
            return;
        }
        long ms = at.toEpochMilli();
        if (n == 0 || !newestAfter(at)) {
            head = n == 0 ? weight : head * decay(ms, newestMillis) + weight;
            insert(n, at, ms, weight);
            return;
        }
        head += weight * decay(newestMillis, ms);
        int i = n;
        while (i > 0 && after(i - 1, at)) i--;
        insert(i, at, ms, weight);
    }

    /** The decayed sum as of {@code t}, counting only updates stamped at or before {@code t}. */
    public double valueAt(Instant t) {
        // before the base the history is folded: answer as of the base, as GlobalState.answerable does
        // for the loop. A server reads each key from its own publication, so a user's state may have
        // been compacted past the horizon of the global state it read (the engine reads both at once)
        if (hasBase && compare(baseSeconds, baseNanos, t) > 0) t = baseTime();
        long ms = t.toEpochMilli();
        double v = hasBase ? base * decay(ms, baseMillis) : 0;
        if (n == 0) return v;
        if (!newestAfter(t)) return v + head * decay(ms, newestMillis);
        int first = n; // the first held update after t
        while (first > 0 && after(first - 1, t)) first--;
        if (n - first < first) {
            // a learner asks as of a decision a few ms older than the newest impression: the held sum
            // minus those few is one pass over them, not over the half hour before (34 % of the
            // runner's time went to that pass over the global impression count)
            double later = 0;
            for (int i = first; i < n; i++) later += weights[i] * decay(newestMillis, millis[i]);
            return v + (head - later) * decay(ms, newestMillis);
        }
        for (int i = 0; i < first; i++) v += weights[i] * decay(ms, millis[i]);
        return v;
    }

    /**
     * The value as of {@code t} of a count of positive weights that parts may have been subtracted from
     * ({@link #subtract}): what only the subtracted parts held leaves a rounding residue of either sign
     * instead of 0, which reads 0 here (a weight of 1 decays below it only after 30 half-lives).
     */
    public double countAt(Instant t) {
        double v = valueAt(t);
        return v < RESIDUE ? 0 : v;
    }

    /**
     * Takes away every update {@code part} holds, at its own time, and its compacted base at the
     * base's time: afterwards {@link #valueAt} at any time both can still answer is less by
     * {@code part.valueAt}, as if the part had never been added here (up to rounding). For a user's
     * share of an item's count, kept beside it update for update.
     */
    public void subtract(DecayedCount part) {
        if (part.hasBase && part.base != 0) add(part.baseTime(), -part.base);
        for (int i = 0; i < part.n; i++) add(Instant.ofEpochSecond(part.seconds[i], part.nanos[i]), -part.weights[i]);
    }

    /**
     * Folds updates at or before {@code horizon} into the base; a horizon behind the base is a no-op.
     * It costs what it folds, not what it keeps: the features compact every touched count once a
     * minute of event time and keep the last half hour, so a pass over the kept updates made every
     * update be summed some 30 times over its life (a third of the stream's time, docs/performance.md).
     */
    public void compact(Instant horizon) {
        if (hasBase && compare(baseSeconds, baseNanos, horizon) >= 0) return;
        long hms = horizon.toEpochMilli();
        double v = hasBase ? base * decay(hms, baseMillis) : 0;
        int drop = 0;
        double folded = 0;
        boolean negative = false;
        for (; drop < n && !after(drop, horizon); drop++) {
            folded += weights[drop] * decay(hms, millis[drop]);
            negative |= weights[drop] < 0;
        }
        // nothing to fold: the base stays where it is, so a visit that finds nothing (compaction may
        // visit a state early, see Touched) leaves the state as it was, bit for bit
        if (drop == 0) return;
        if (drop == n) {
            v += head * decay(hms, newestMillis);
            removeFirst(drop, 0, true);
        } else {
            v += folded;
            // what the folded updates added to the running sum, as of the newest: the same terms decayed further
            double gone = folded * decay(newestMillis, hms);
            removeFirst(drop, gone, negative || !(gone <= head * 0.5));
        }
        base = v;
        setBase(horizon.getEpochSecond(), horizon.getNano());
    }

    /**
     * Its state for a checkpoint, bit for bit where a read can see it and in as few bytes as that
     * allows (a history holds millions of counts, most of them compacted to a base or empty): a tag
     * (base, held updates), the base and its time, and each held update's time and weight with the
     * running sum; the newest update's time and millis are derived again from the updates. What
     * only an empty or fully compacted count keeps (its last newest time) is not read before the
     * next update replaces it, so it is not written.
     */
    void writeState(dev.flywheel.state.StateWriter out) {
        out.putByte((hasBase ? 1 : 0) | (n > 0 ? 2 : 0));
        if (hasBase) out.putDouble(base).putLong(baseSeconds).putInt(baseNanos);
        if (n == 0) return;
        out.putInt(n).putDouble(head);
        for (int i = 0; i < n; i++) out.putLong(seconds[i]).putInt(nanos[i]).putDouble(weights[i]);
    }

    /** Restores what {@link #writeState} wrote into a count just built with the same half-life. */
    void readState(dev.flywheel.state.StateReader in) {
        readState(in, in.getByte());
    }

    /**
     * Reads what {@link #writeState} wrote, or null for a count that never had an update (tag 0,
     * what an empty count writes): the same bytes whether the writer held an empty count or none.
     */
    static DecayedCount readOrNull(dev.flywheel.state.StateReader in, Duration halfLife) {
        int tag = in.getByte();
        if (tag == 0) return null;
        DecayedCount c = new DecayedCount(halfLife);
        c.readState(in, tag);
        return c;
    }

    /** What an absent count writes: the tag of one that never had an update. */
    static void writeNone(dev.flywheel.state.StateWriter out) {
        out.putByte(0);
    }

    private void readState(dev.flywheel.state.StateReader in, int tag) {
        if (tag < 0 || tag > 3) throw new IllegalStateException("not a decayed count: tag " + tag);
        if ((tag & 1) != 0) {
            base = in.getDouble();
            long s = in.getLong();
            setBase(s, in.getInt());
        }
        if ((tag & 2) == 0) return;
        n = in.count();
        head = in.getDouble();
        seconds = new long[n];
        nanos = new int[n];
        millis = new long[n];
        weights = new double[n];
        for (int i = 0; i < n; i++) {
            seconds[i] = in.getLong();
            nanos[i] = in.getInt();
            millis[i] = Instant.ofEpochSecond(seconds[i], nanos[i]).toEpochMilli();
            weights[i] = in.getDouble();
        }
        takeNewest();
    }

    /** The epoch millis of the oldest held update, {@link Long#MAX_VALUE} when none is held. */
    long oldestHeldMillis() {
        return n == 0 ? Long.MAX_VALUE : millis[0];
    }

    /** Updates still held individually, for tests and memory accounting. */
    public int pendingUpdates() {
        return n;
    }

    private void insert(int i, Instant t, long ms, double weight) {
        if (n == millis.length) {
            int size = Math.max(2, n * 2);
            seconds = Arrays.copyOf(seconds, size);
            nanos = Arrays.copyOf(nanos, size);
            millis = Arrays.copyOf(millis, size);
            weights = Arrays.copyOf(weights, size);
        }
        System.arraycopy(seconds, i, seconds, i + 1, n - i);
        System.arraycopy(nanos, i, nanos, i + 1, n - i);
        System.arraycopy(millis, i, millis, i + 1, n - i);
        System.arraycopy(weights, i, weights, i + 1, n - i);
        seconds[i] = t.getEpochSecond();
        nanos[i] = t.getNano();
        millis[i] = ms;
        weights[i] = weight;
        n++;
        takeNewest();
    }

    /**
     * Drops the {@code k} oldest updates, which added {@code gone} to the running sum. Subtracting it
     * loses at most a few ulps of the sum when the dropped part is at most half of it and no weight is
     * negative; otherwise ({@code resum}) the rest is summed again, with no cancellation.
     */
    private void removeFirst(int k, double gone, boolean resum) {
        n -= k;
        if (n == 0) {
            seconds = NO_LONGS;
            nanos = NO_INTS;
            millis = NO_LONGS;
            weights = NO_DOUBLES;
            head = 0;
            return;
        }
        System.arraycopy(seconds, k, seconds, 0, n);
        System.arraycopy(nanos, k, nanos, 0, n);
        System.arraycopy(millis, k, millis, 0, n);
        System.arraycopy(weights, k, weights, 0, n);
        takeNewest();
        if (!resum) {
            head -= gone;
            return;
        }
        head = 0;
        for (int i = 0; i < n; i++) head += weights[i] * decay(newestMillis, millis[i]);
    }

    private void takeNewest() {
        if (n == 0) return;
        newestSeconds = seconds[n - 1];
        newestNanos = nanos[n - 1];
        newestMillis = millis[n - 1];
    }

    /** Whether the newest held update is stamped after {@code t}; only asked when one is held. */
    private boolean newestAfter(Instant t) {
        return compare(newestSeconds, newestNanos, t) > 0;
    }

    /**
     * The time {@code seconds} and {@code nanos} stand for, against {@code t}: negative, 0 or positive
     * as it is before, at or after {@code t}. Times held as primitives (here, {@link SeenItems}) are
     * compared with an Instant without making one.
     */
    static int compare(long seconds, int nanos, Instant t) {
        return seconds != t.getEpochSecond() ? Long.compare(seconds, t.getEpochSecond()) : Integer.compare(nanos, t.getNano());
    }

    private Instant baseTime() {
        return Instant.ofEpochSecond(baseSeconds, baseNanos);
    }

    private void setBase(long seconds, int nanos) {
        hasBase = true;
        baseSeconds = seconds;
        baseNanos = nanos;
        baseMillis = Instant.ofEpochSecond(seconds, nanos).toEpochMilli();
    }

    /** Whether held update {@code i} is stamped after {@code t}. */
    private boolean after(int i, Instant t) {
        return compare(seconds[i], nanos[i], t) > 0;
    }

    private double decay(long nowMillis, long thenMillis) {
        return Math.pow(2, -(nowMillis - thenMillis) / halfLifeMillis);
    }
}
