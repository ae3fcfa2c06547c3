package dev.flywheel.feature;

import dev.flywheel.decision.Decision;
import dev.flywheel.event.Event;
import dev.flywheel.outcome.Outcome;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * A loop's feedback features as a server of the distributed shape has them: reads only, through
 * {@link FeatureReads} over a state someone else keeps (the Flink job publishes it; a server reads
 * it through {@link CachedFeatureStates}). Every update throws: a server applies no log entries, so
 * a call that would change state here is a wiring error, not something to ignore.
 *
 * <p>From the same states it answers the same values as the embedded {@link InMemoryFeedbackFeatures},
 * bit for bit; a read may see keys from different publications (see {@link FeatureReads}).
 */
public final class ReadOnlyFeedbackFeatures implements FeedbackFeatures {
    private final FeatureReads reads;

    /** @param termVectors an item's term/topic vector (empty when unknown), from the server's catalog */
    public ReadOnlyFeedbackFeatures(FeatureSettings settings, Function<String, Map<String, Double>> termVectors,
                                    FeatureStateSource source) {
        this.reads = new FeatureReads(settings, termVectors, source);
    }

    @Override
    public void read(String user, Instant asked, List<String> items, ItemValues sink) {
        reads.read(user, asked, items, sink);
    }

    /** Named feature values of {@code item} for {@code user} as of {@code now}. */
    public FeatureValues features(String user, String item, Map<String, Double> termVector, Instant now) {
        return reads.features(user, item, termVector, now);
    }

    @Override
    public void onDecision(Decision d) {
        throw readOnly("onDecision");
    }

    @Override
    public void onEvent(Event e) {
        throw readOnly("onEvent");
    }

    @Override
    public void onOutcome(Outcome o, Instant knownAt) {
        throw readOnly("onOutcome");
    }

    @Override
    public void forget(String user) {
        throw readOnly("forget");
    }

    @Override
    public void writeState(dev.flywheel.state.StateWriter out) {
        throw readOnly("writeState");
    }

    @Override
    public void readState(dev.flywheel.state.StateReader in) {
        throw readOnly("readState");
    }

    @Override
    public void compact(Instant horizon) {
        throw readOnly("compact");
    }

    private static UnsupportedOperationException readOnly(String call) {
        return new UnsupportedOperationException(call + ": a server's features are read-only (the stream operators keep them)");
    }
}
