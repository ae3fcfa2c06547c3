package dev.flywheel.feature;

import dev.flywheel.decision.Decision;
import dev.flywheel.event.Event;
import dev.flywheel.outcome.Outcome;
import java.time.Instant;
import java.util.List;

/**
 * The port to a loop's feedback features: decayed item counts and smoothed rates, the user's term and
 * topic affinities, what the user was shown and judged. The stream updates it from decisions, events
 * and outcomes; rankers read many items for one user at one time in one consistent read. The embedded
 * shape keeps it in memory ({@link InMemoryFeedbackFeatures}); a distributed shape keeps it elsewhere
 * behind the same calls.
 */
public interface FeedbackFeatures {
    /** Catalog terms that name a topic rather than a word of the text. */
    String TOPIC = "topic:";

    /** The served items were shown at the decision's time. */
    void onDecision(Decision d);

    /** A reaction, or an impression that names no decision (an exposure of its own). */
    void onEvent(Event e);

    /** A closed outcome; {@code knownAt} is when its window closed (an ignore is known only then). */
    void onOutcome(Outcome o, Instant knownAt);

    /**
     * Forgets what {@code user} contributed: their share of every item's and the global counts and
     * values is taken out, and their own state (profile, topics, what they were shown and judged) is
     * dropped, so that every value at any time the features can still answer is the one they would
     * give had the user's decisions, events and outcomes never been fed. For a user the monitors
     * named as a bot; what is fed for the user afterwards counts again (the caller leaves it out).
     */
    void forget(String user);

    /**
     * The state a checkpoint keeps (see {@link dev.flywheel.state.OperatorState}), read back into
     * features that have had no update yet. An adapter that keeps its state elsewhere writes where
     * it stands there.
     */
    void writeState(dev.flywheel.state.StateWriter out);

    void readState(dev.flywheel.state.StateReader in);

    /** Bounds memory: values before {@code horizon} can no longer be asked for. */
    void compact(Instant horizon);

    /**
     * Hands the values of each of {@code items} for {@code user} as of {@code at} to {@code sink}, in
     * order, from one consistent state. The values object is reused between items: copy what is kept.
     */
    void read(String user, Instant at, List<String> items, ItemValues sink);

    /**
     * Starts recording which keys of the state change (a change feed for a store that servers read:
     * {@link FeatureStateStore}); off unless asked, so the embedded engine does not pay for it.
     */
    default void trackChanges() {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " keeps no change feed");
    }

    /**
     * The keys changed since the last drain (updates, and compaction, which folds held updates),
     * each with its state's bytes now, stamped with the stream's position ({@link FeatureStateChange}).
     */
    default List<FeatureStateChange> drainChanges(String loop, long seq, boolean afterIdle) {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " keeps no change feed");
    }

    /**
     * Starts recording which keys change for a checkpoint's change sets ({@link #writeStateChanges}),
     * apart from the servers' change feed ({@link #trackChanges}): each sees every change.
     */
    default void trackStateChanges() {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " writes no state changes");
    }

    /**
     * What changed since the last call (or {@link #dropStateChanges}): the keys changed, each with its
     * state now or as removed; {@link #readStateChanges} applies it over a state read before.
     */
    default void writeStateChanges(dev.flywheel.state.StateWriter out) {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " writes no state changes");
    }

    /** Forgets the changes recorded so far: a whole state was just written. */
    default void dropStateChanges() {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " writes no state changes");
    }

    default void readStateChanges(dev.flywheel.state.StateReader in) {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " reads no state changes");
    }

    /** Receives one item's values during {@link #read}. */
    @FunctionalInterface
    interface ItemValues {
        void accept(int index, String item, FeatureValues values);
    }
}
