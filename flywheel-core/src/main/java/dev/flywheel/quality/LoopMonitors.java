package dev.flywheel.quality;

import dev.flywheel.log.LogConsumer;
import dev.flywheel.log.LogEntry;
import dev.flywheel.outcome.Outcome;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * The monitors of one loop, as a stream operator: it counts the loop's closed outcomes per tumbling
 * window of decision time, and once event time has passed a window's end by the reward window (every
 * outcome of its decisions has closed: the join runs before it) it judges the window — each watched
 * rate against the reference windows before it ({@link RateDrift}), and the contamination monitor's
 * flags over everything seen so far — and raises what it finds on the {@link AlertBoard}. Newly
 * flagged bots and clickbait join the loop's {@link Exclusions} when that action is configured.
 *
 * <p>Everything it computes is a function of the log up to the entry it has reached, so a replay
 * raises the same alerts at the same positions. Memory: the open windows (at most the reward window
 * over the window length, plus one), the reference windows ({@code baseline}), and the contamination
 * monitor's counters per user and per (item, user).
 */
public final class LoopMonitors implements LogConsumer, Consumer<Outcome>, dev.flywheel.state.OperatorState {
    /** 2: the contamination monitor's signs in columns ({@link SignsTable}). */
    private static final int STATE_VERSION = 2;
    private final String loop;
    private final QualitySpec spec;
    private final AlertBoard board;
    private final Exclusions exclusions;
    private final long windowMillis;
    private final Duration settle;
    private final ContaminationMonitor contamination = new ContaminationMonitor();
    private final RateDrift drift;
    private final List<String> rates;
    private final TreeMap<Long, WindowCounts> open = new TreeMap<>();
    private final Set<String> bots = new HashSet<>();
    private final Set<String> clickbait = new HashSet<>();
    private Instant watermark = Instant.EPOCH;
    private long seq = -1;
    private long judgedThrough = Long.MIN_VALUE;
    private long late;

    /**
     * @param rewardWindow the loop's attribution window: a window is judged that long (and the join's
     *                     advance step) after it ends
     */
    public LoopMonitors(String loop, QualitySpec spec, Duration rewardWindow, AlertBoard board, Exclusions exclusions) {
        this.loop = loop;
        this.spec = spec;
        this.board = board;
        this.exclusions = spec.acts(QualitySpec.Action.EXCLUDE) ? exclusions : Exclusions.NONE;
        this.windowMillis = spec.window().toMillis();
        this.settle = rewardWindow.plusMinutes(2);
        this.drift = new RateDrift(spec);
        this.rates = List.copyOf(spec.rates().keySet());
    }

    @Override
    public void accept(LogEntry entry) {
        seq = entry.seq();
        if (spec.contamination() && entry instanceof LogEntry.EventEntry e && "dwell".equals(e.event().type())
                && (e.event().loop() == null || e.event().loop().equals(loop))) {
            // how long a click held its reader is a sign of a bot: outcomes carry reaction types only
            contamination.observe(e.event().user(), e.event().item(), "dwell", e.event().value());
        }
        Instant t = entry.timestamp();
        if (t == null || !t.isAfter(watermark)) return;
        watermark = t;
        judgeEndedBefore(watermark.minus(settle));
    }

    /** A quiet log: the join has closed every window, so every window that has ended can be judged. */
    @Override
    public void idle() {
        judgeEndedBefore(watermark);
    }

    /** A closed outcome (of any loop). */
    @Override
    public void accept(Outcome o) {
        if (!o.loop().equals(loop)) return;
        long w = Math.floorDiv(o.decidedAt().toEpochMilli(), windowMillis);
        if (w <= judgedThrough) {
            late++;
            return;
        }
        open.computeIfAbsent(w, k -> new WindowCounts(rates)).add(o);
        if (!spec.contamination()) return;
        contamination.observe(o.user(), o.item(), "impression", null);
        for (String r : o.reactions()) contamination.observe(o.user(), o.item(), r, null);
    }

    @Override
    public String stateName() {
        return "monitors:" + loop;
    }

    @Override
    public void writeState(dev.flywheel.state.StateWriter out) {
        out.putInt(STATE_VERSION).putStrings(rates).putInstant(watermark).putLong(seq).putLong(judgedThrough).putLong(late);
        out.putStrings(new java.util.TreeSet<>(bots)).putStrings(new java.util.TreeSet<>(clickbait));
        out.putInt(open.size());
        open.forEach((w, counts) -> MonitorStateCodec.writeWindow(counts, out.putLong(w)));
        drift.writeState(out);
        contamination.writeState(out);
    }

    /** Restores the monitors, and the exclusions they made (their only writer). */
    @Override
    public void readState(dev.flywheel.state.StateReader in) {
        in.expectVersion(stateName(), STATE_VERSION);
        List<String> written = in.getStrings();
        if (!written.equals(rates)) throw new IllegalStateException(stateName() + " counted rates " + written + ", the loop watches " + rates);
        watermark = in.getInstant();
        seq = in.getLong();
        judgedThrough = in.getLong();
        late = in.getLong();
        bots.addAll(in.getStrings());
        clickbait.addAll(in.getStrings());
        for (int i = in.count(); i > 0; i--) open.put(in.getLong(), MonitorStateCodec.readWindow(in, rates));
        drift.readState(in, rates);
        contamination.readState(in);
        exclusions.restore(bots, clickbait);
    }

    /** Outcomes that closed after their window was judged (not counted in any window). */
    public long late() {
        return late;
    }

    private void judgeEndedBefore(Instant t) {
        while (!open.isEmpty()) {
            long w = open.firstKey();
            Instant end = Instant.ofEpochMilli((w + 1) * windowMillis);
            if (end.isAfter(t)) return;
            judge(w, open.pollFirstEntry().getValue());
            judgedThrough = w;
        }
    }

    private void judge(long w, WindowCounts counts) {
        counts.fold();
        if (counts.impressions < spec.minImpressions()) return;
        Instant start = Instant.ofEpochMilli(w * windowMillis);
        Instant end = Instant.ofEpochMilli((w + 1) * windowMillis);
        for (RateDrift.Shift s : drift.judge(counts)) {
            board.raise(new Alert(0, loop, "drift", start, end, s.type() + "_rate_change", s.change(), s.threshold(),
                    s.describe(), List.of(), List.of(), seq));
        }
        if (spec.contamination()) flag(start, end);
    }

    private void flag(Instant start, Instant end) {
        ContaminationMonitor.Flags f = contamination.flags();
        Map<String, Double> newBots = fresh(f.botZ(), bots);
        if (!newBots.isEmpty()) {
            double z = newBots.values().stream().mapToDouble(Double::doubleValue).min().orElse(0);
            board.raise(new Alert(0, loop, "bots", start, end, "click_through_robust_z", z, ContaminationMonitor.OUTLIER,
                    newBots.size() + " users click far more than people do and leave most clicks at once or never judge",
                    List.copyOf(newBots.keySet()), List.of(), seq));
            exclusions.addUsers(newBots.keySet());
        }
        Map<String, Double> newItems = fresh(f.clickbaitTail(), clickbait);
        if (!newItems.isEmpty()) {
            double p = newItems.values().stream().mapToDouble(Double::doubleValue).max().orElse(0);
            board.raise(new Alert(0, loop, "clickbait", start, end, "dislike_tail_probability", p,
                    ContaminationMonitor.CLICKBAIT_LEVEL, newItems.size() + " items are clicked more and disliked after the click far more than others",
                    List.of(), List.copyOf(newItems.keySet()), seq));
            exclusions.addItems(newItems.keySet());
        }
    }

    /** The flagged ones not flagged before, remembered from now on. */
    private static Map<String, Double> fresh(Map<String, Double> flagged, Set<String> seen) {
        Map<String, Double> out = new TreeMap<>();
        flagged.forEach((k, v) -> {
            if (seen.add(k)) out.put(k, v);
        });
        return out;
    }

    /**
     * One window's outcomes per watched type: the impressions and those the type followed, with the
     * sums of squares over decisions that a variance clustered by decision needs (the items of one
     * slate are judged by one person at one moment, so they are not independent trials). Held per
     * decision until the window is judged, then folded.
     */
    static final class WindowCounts {
        final List<String> types;
        long impressions;
        final long[] hits;
        final double[] hitsSquared;
        final double[] impressionsTimesHits;
        double impressionsSquared;
        long decisions;
        private Map<String, int[]> byDecision = new java.util.HashMap<>();

        WindowCounts(List<String> types) {
            this.types = types;
            hits = new long[types.size()];
            hitsSquared = new double[types.size()];
            impressionsTimesHits = new double[types.size()];
        }

        void add(Outcome o) {
            int[] c = byDecision.computeIfAbsent(o.decision(), k -> new int[1 + types.size()]);
            c[0]++;
            for (int t = 0; t < types.size(); t++) if (o.reactions().contains(types.get(t))) c[1 + t]++;
        }

        Map<String, int[]> byDecision() {
            return byDecision;
        }

        boolean folded() {
            return byDecision == Map.<String, int[]>of();
        }

        /** Folds the per-decision counts into the window's sums. */
        void fold() {
            for (int[] c : byDecision.values()) {
                impressions += c[0];
                impressionsSquared += (double) c[0] * c[0];
                decisions++;
                for (int t = 0; t < types.size(); t++) {
                    hits[t] += c[1 + t];
                    hitsSquared[t] += (double) c[1 + t] * c[1 + t];
                    impressionsTimesHits[t] += (double) c[0] * c[1 + t];
                }
            }
            byDecision = Map.of();
        }
    }
}
