package dev.flywheel.outcome;

import dev.flywheel.log.LogConsumer;
import dev.flywheel.log.LogEntry;
import dev.flywheel.loop.RewardSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Runs the reward join over the log for every loop: decisions and feedback in, outcomes out to the
 * listeners (the outcome store, the learners), in log order on the runner's thread. Event time
 * drives the join: the watermark is the newest decision or event time seen, and windows close when
 * it passes their end. Feedback that cannot join (late, orphan) is handed to its own listener and
 * counted, never dropped.
 */
public final class OutcomeFeed implements LogConsumer, dev.flywheel.state.IncrementalState {
    /** Closing windows every minute of event time keeps the join cheap and outcomes timely. */
    private static final Duration ADVANCE_EVERY = Duration.ofMinutes(1);
    private final OutcomeJoin join;
    private final Map<String, RewardSpec> loops;
    private final Duration longest;
    private final List<Consumer<Outcome>> listeners;
    private final Consumer<Unjoined> unjoined;
    /** The newest decision or event time seen: where a quiet log's windows are closed from. */
    private Instant newest = Instant.EPOCH;
    /** The event time the join has been moved to: the newest entry, or past it once the log went quiet. */
    private Instant watermark = Instant.EPOCH;
    private Instant advanced = Instant.EPOCH;
    private long emitted;

    public OutcomeFeed(Map<String, RewardSpec> loops, List<Consumer<Outcome>> listeners, Consumer<Unjoined> unjoined) {
        this.longest = loops.values().stream().map(RewardSpec::window).max(Duration::compareTo).orElse(Duration.ofMinutes(30));
        this.join = new OutcomeJoin(loops, Duration.ofMinutes(10), longest.multipliedBy(4));
        this.loops = Map.copyOf(loops);
        this.listeners = List.copyOf(listeners);
        this.unjoined = unjoined;
    }

    @Override
    public void accept(LogEntry entry) {
        if (entry instanceof LogEntry.DecisionEntry d) {
            join.onDecision(d.decision());
            advanceTo(d.decision().timestamp());
        } else if (entry instanceof LogEntry.EventEntry e) {
            join.onEvent(e.event());
            advanceTo(e.event().timestamp());
        }
    }

    private void advanceTo(Instant t) {
        if (t.isAfter(newest)) newest = t;
        if (t.isAfter(watermark)) watermark = t;
        if (Duration.between(advanced, watermark).compareTo(ADVANCE_EVERY) < 0) return;
        close();
    }

    /**
     * Moves event time to {@code t} (never backwards) and closes every window that ended by then: for
     * a runner that knows no earlier feedback will come (a watermark from a source, the end of a
     * replay), since entries alone only move event time as far as the newest one.
     */
    public void advanceWatermark(Instant t) {
        if (t.isAfter(watermark)) watermark = t;
        close();
    }

    /**
     * Closes every open window, as if event time had moved a whole window past the newest entry: for
     * a quiet log, whose last decisions would otherwise wait for an entry that may never come. Feedback
     * for them that still comes is late. Event time never jumps to a clock: history imported later
     * keeps its own times.
     *
     * <p>From the newest entry, not from the watermark: a quiet spell calls this once a second, and
     * moving a window past the watermark each time pushed event time a window further per call (a
     * 30-second pause took a half-hour window 10 hours ahead), so that the next decisions' windows no
     * longer closed when their successors came, and decision and event ids were forgotten early.
     */
    public void closeOpenWindows() {
        if (newest.equals(Instant.EPOCH)) return;
        advanceWatermark(newest.plus(longest).plusMillis(1));
    }

    /** A quiet log: its last decisions' windows close now rather than wait for an entry that may not come. */
    @Override
    public void idle() {
        closeOpenWindows();
    }

    private void close() {
        advanced = watermark;
        for (Outcome o : join.advance(watermark)) {
            emitted++;
            for (Consumer<Outcome> l : listeners) l.accept(o);
        }
        join.drainUnjoined().forEach(unjoined);
    }

    @Override
    public String stateName() {
        return "join";
    }

    @Override
    public void writeState(dev.flywheel.state.StateWriter out) {
        out.putInt(1).putInstant(newest).putInstant(watermark).putInstant(advanced).putLong(emitted);
        JoinStateCodec.write(join.state(), out);
    }

    @Override
    public void readState(dev.flywheel.state.StateReader in) {
        in.expectVersion(stateName(), 1);
        newest = in.getInstant();
        watermark = in.getInstant();
        advanced = in.getInstant();
        emitted = in.getLong();
        JoinStateCodec.read(in, join.state(), loops);
    }

    @Override
    public void trackChanges() {
        join.state().trackChanges();
    }

    /** As {@link #writeState}, with the join's changes since the last change set instead of its whole state. */
    @Override
    public void writeChanges(dev.flywheel.state.StateWriter out) {
        if (join.state().changes == null) throw new IllegalStateException("join changes are not tracked: call trackChanges first");
        out.putInt(1).putInstant(newest).putInstant(watermark).putInstant(advanced).putLong(emitted);
        JoinChanges.write(join.state(), out);
    }

    @Override
    public void dropChanges() {
        if (join.state().changes != null) join.state().changes.clear();
    }

    @Override
    public void readChanges(dev.flywheel.state.StateReader in) {
        in.expectVersion(stateName() + " changes", 1);
        newest = in.getInstant();
        watermark = in.getInstant();
        advanced = in.getInstant();
        emitted = in.getLong();
        JoinChanges.read(in, join.state(), loops);
    }

    public long emitted() {
        return emitted;
    }

    /** What the join holds in memory beyond open decisions (see {@link OutcomeJoinState#remembered}). */
    public long remembered() {
        return join.state().remembered();
    }

    public JoinCounters counters() {
        return join.counters();
    }
}
