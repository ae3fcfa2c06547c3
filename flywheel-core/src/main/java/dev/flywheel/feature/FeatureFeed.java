package dev.flywheel.feature;

import dev.flywheel.log.LogConsumer;
import dev.flywheel.log.LogEntry;
import dev.flywheel.outcome.Outcome;
import dev.flywheel.quality.Exclusions;
import java.time.Duration;
import java.time.Instant;

/**
 * Keeps one loop's {@link FeedbackFeatures} up to date from the log: its decisions, the events that
 * name it or no loop at all, and its closed outcomes (registered as an outcome listener).
 *
 * <p>Compaction: outcomes close within the window after their decision, and a learner computes a
 * decision's training rows when the decision arrives; so history older than the watermark minus the
 * window (and a margin for the join's once-a-minute advance) is never asked for again and is folded
 * into the decayed sums, which bounds memory.
 */
public final class FeatureFeed implements LogConsumer, dev.flywheel.state.IncrementalState {
    private static final Duration ADVANCE_EVERY = Duration.ofMinutes(1);
    /** 2: each user's state nested in one place, so a restore can leave it undecoded until used. */
    private static final int STATE_VERSION = 2;
    private final String loop;
    private final FeedbackFeatures features;
    private final Duration window;
    private final Exclusions excluded;
    private Instant watermark = Instant.EPOCH;
    private Instant advanced = Instant.EPOCH;

    public FeatureFeed(String loop, FeedbackFeatures features, Duration window) {
        this(loop, features, window, Exclusions.NONE);
    }

    /** @param excluded users whose decisions and events the features leave out (flagged bots) */
    public FeatureFeed(String loop, FeedbackFeatures features, Duration window, Exclusions excluded) {
        this.excluded = excluded;
        this.loop = loop;
        this.features = features;
        this.window = window;
    }

    @Override
    public void accept(LogEntry entry) {
        if (entry instanceof LogEntry.DecisionEntry d && d.decision().loop().equals(loop)) {
            if (excluded.excludesUser(d.decision().user())) return;
            features.onDecision(d.decision());
            advanceTo(d.decision().timestamp());
        } else if (entry instanceof LogEntry.EventEntry e && (e.event().loop() == null || e.event().loop().equals(loop))) {
            if (excluded.excludesUser(e.event().user())) return;
            features.onEvent(e.event());
            advanceTo(e.event().timestamp());
        }
    }

    @Override
    public String stateName() {
        return "features:" + loop;
    }

    @Override
    public void writeState(dev.flywheel.state.StateWriter out) {
        out.putInt(STATE_VERSION).putInstant(watermark).putInstant(advanced);
        features.writeState(out);
    }

    @Override
    public void readState(dev.flywheel.state.StateReader in) {
        in.expectVersion(stateName(), STATE_VERSION);
        watermark = in.getInstant();
        advanced = in.getInstant();
        features.readState(in);
    }

    @Override
    public void trackChanges() {
        features.trackStateChanges();
    }

    /** As {@link #writeState}, with the features' changes since the last change set instead of their whole state. */
    @Override
    public void writeChanges(dev.flywheel.state.StateWriter out) {
        out.putInt(STATE_VERSION).putInstant(watermark).putInstant(advanced);
        features.writeStateChanges(out);
    }

    @Override
    public void dropChanges() {
        features.dropStateChanges();
    }

    @Override
    public void readChanges(dev.flywheel.state.StateReader in) {
        in.expectVersion(stateName() + " changes", STATE_VERSION);
        watermark = in.getInstant();
        advanced = in.getInstant();
        features.readStateChanges(in);
    }

    /** An outcome of this loop closed. */
    public void onOutcome(Outcome o) {
        if (o.loop().equals(loop) && !excluded.excludesUser(o.user())) features.onOutcome(o, o.decidedAt().plus(window));
    }

    private void advanceTo(Instant t) {
        if (t.isAfter(watermark)) watermark = t;
        if (Duration.between(advanced, watermark).compareTo(ADVANCE_EVERY) < 0) return;
        advanced = watermark;
        features.compact(watermark.minus(window).minus(ADVANCE_EVERY.multipliedBy(2)));
    }
}
