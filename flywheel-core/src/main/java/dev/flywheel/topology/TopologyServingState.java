package dev.flywheel.topology;

import dev.flywheel.feature.FeatureStateSource;
import dev.flywheel.feature.InMemoryFeedbackFeatures;
import dev.flywheel.log.LogConsumer;
import dev.flywheel.log.LogEntry;
import dev.flywheel.model.InteractionHistory;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@link ServingState} read straight from a live {@link Topology} in the same process, as if the
 * operators published after every entry: servers' loops can then be compared with the topology's own
 * policies without a store (the parity test), and a tool can serve over an embedded topology.
 *
 * <p>Feed it the same entries as the topology, after them ({@link #accept}): it keeps the items in
 * order and the position. For the thread that runs the topology only (its features are read without
 * their lock).
 */
public final class TopologyServingState implements ServingState, LogConsumer {
    private final Topology topology;
    private final List<LogEntry.ItemEntry> items = new ArrayList<>();
    private final Map<Integer, Long> applied = new HashMap<>();
    private final Map<String, Trained> trained = new HashMap<>();
    private long seq = -1;

    public TopologyServingState(Topology topology) {
        this.topology = topology;
    }

    @Override
    public void accept(LogEntry entry) {
        if (entry instanceof LogEntry.ItemEntry i) items.add(i);
        seq = entry.seq();
    }

    /** Records that the topology applied the log's {@code partition} up to {@code offset}. */
    public void applied(int partition, long offset) {
        applied.merge(partition, offset, Math::max);
    }

    @Override
    public FeatureStateSource features(String loop, Duration halfLife) {
        LoopRuntime l = topology.loop(loop);
        Duration own = l.spec().model().features().halfLife();
        if (!own.equals(halfLife)) throw new IllegalArgumentException("loop " + loop + " decays with " + own + ", not " + halfLife);
        if (!(l.features() instanceof InMemoryFeedbackFeatures f)) {
            throw new IllegalStateException("loop " + loop + "'s features are not the in-memory ones");
        }
        return f.source();
    }

    @Override
    public Published model(String loop) {
        if (seq < 0) return null;
        return new Published(seq, false, topology.loop(loop).model().state().get());
    }

    @Override
    public Published collaborative(String loop) {
        var learner = topology.loop(loop).model().collaborative();
        var m = learner == null ? null : learner.models();
        if (m == null) return null;
        // as the job publishes: once per training, at the position where it was first seen
        Trained t = trained.get(loop);
        if (t == null || t.models() != m) trained.put(loop, t = new Trained(m, new Published(seq, false, learner.publish(m))));
        return t.published();
    }

    private record Trained(dev.flywheel.model.CollaborativeModels models, Published published) { }

    @Override
    public Published status(String loop) {
        if (seq < 0) return null;
        LoopStatus st = topology.status(loop);
        return st == null ? null : new Published(seq, false, st.toBytes());
    }

    @Override
    public InteractionHistory history(String loop, String user) {
        var learner = topology.loop(loop).model().collaborative();
        return learner == null ? InteractionHistory.NONE : learner.history(user);
    }

    @Override
    public Map<String, Instant> consumed(String loop, String user) {
        var c = topology.loop(loop).consumed();
        Map<String, Instant> out = new TreeMap<>();
        for (String item : c.consumedBy(user, Instant.MAX)) out.put(item, earliest(c, user, item));
        return out;
    }

    /**
     * The earliest time {@code user} consumed {@code item}: {@code ConsumedItems} answers only "by
     * then?", so this bisects on the seconds, then the nanos (a test adapter; a store keeps the time).
     */
    private static Instant earliest(dev.flywheel.feature.ConsumedItems c, String user, String item) {
        long lo = -(1L << 40);
        long hi = 1L << 40;
        while (lo < hi) {
            long mid = Math.floorDiv(lo + hi, 2);
            if (c.consumed(user, item, Instant.ofEpochSecond(mid, 999_999_999))) hi = mid;
            else lo = mid + 1;
        }
        int nlo = 0;
        int nhi = 999_999_999;
        while (nlo < nhi) {
            int mid = (nlo + nhi) >>> 1;
            if (c.consumed(user, item, Instant.ofEpochSecond(lo, mid))) nhi = mid;
            else nlo = mid + 1;
        }
        return Instant.ofEpochSecond(lo, nlo);
    }

    @Override
    public List<LogEntry.ItemEntry> items(long afterSeq, int limit) {
        List<LogEntry.ItemEntry> out = new ArrayList<>();
        for (LogEntry.ItemEntry i : items) {
            if (i.seq() > afterSeq && out.size() < limit) out.add(i);
        }
        return out;
    }

    @Override
    public Map<Integer, Long> applied() {
        return Map.copyOf(applied);
    }
}
