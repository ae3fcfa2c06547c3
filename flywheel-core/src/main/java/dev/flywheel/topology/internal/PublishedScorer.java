package dev.flywheel.topology.internal;

import dev.flywheel.model.Candidate;
import dev.flywheel.model.Scorer;
import dev.flywheel.topology.ServingState;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * A loop's champion scorer on a server: the newest learner state the stream operators published,
 * restored through the loop's model ({@code LoopModel.restore}) over the server's own inputs, and
 * refreshed as {@link PublishedValue} says (a score uses a state at most {@code ttl} older than the
 * newest published one). Before the first publication it scores with {@code initial} (a fresh model:
 * what the embedded engine serves before its learner has trained).
 */
public final class PublishedScorer implements Scorer {
    private final PublishedValue<Scorer> state;

    public PublishedScorer(String loop, Supplier<ServingState.Published> published, Function<byte[], Scorer> restore,
                           Scorer initial, Clock clock, Duration ttl) {
        this.state = new PublishedValue<>("loop " + loop + ": the published learner state", published, restore, initial, clock, ttl);
    }

    @Override
    public List<Candidate> score(String user, List<String> items, Instant at, boolean explain) {
        return state.current().value().score(user, items, at, explain);
    }

    /** The state served now: its position, or null before the first publication. */
    public ServingState.Published serving() {
        return state.current().state();
    }
}
