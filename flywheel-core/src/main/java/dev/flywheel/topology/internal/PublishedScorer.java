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
 * restored through the loop's model ({@code LoopModel.restore}) over the server's own inputs.
 *
 * <p>Refreshed on read: at most once per {@code ttl} (by the injected clock) a score asks the port
 * for the loop's state and restores it when its position is newer than the one it serves. So a
 * score uses a state at most {@code ttl} older than the newest published one. Before the first
 * publication it scores with {@code initial} (a fresh model: what the embedded engine serves before
 * its learner has trained).
 */
public final class PublishedScorer implements Scorer {
    private final String loop;
    private final Supplier<ServingState.Published> published;
    private final Function<byte[], Scorer> restore;
    private final Clock clock;
    private final Duration ttl;
    private volatile Current current;

    private record Current(ServingState.Published state, Scorer scorer, Instant checkedAt) { }

    public PublishedScorer(String loop, Supplier<ServingState.Published> published, Function<byte[], Scorer> restore,
                           Scorer initial, Clock clock, Duration ttl) {
        this.loop = loop;
        this.published = published;
        this.restore = restore;
        this.clock = clock;
        this.ttl = ttl;
        this.current = new Current(null, initial, null);
    }

    @Override
    public List<Candidate> score(String user, List<String> items, Instant at, boolean explain) {
        return refreshed().scorer().score(user, items, at, explain);
    }

    /** The state served now: its position, or null before the first publication. */
    public ServingState.Published serving() {
        return refreshed().state();
    }

    private Current refreshed() {
        Current c = current;
        Instant now = clock.instant();
        if (c.checkedAt() != null && now.isBefore(c.checkedAt().plus(ttl))) return c;
        synchronized (this) {
            c = current;
            if (c.checkedAt() != null && now.isBefore(c.checkedAt().plus(ttl))) return c;
            ServingState.Published p = published.get();
            Scorer scorer = c.scorer();
            if (p != null && newer(p, c.state())) {
                try {
                    scorer = restore.apply(p.bytes());
                } catch (RuntimeException e) {
                    throw new IllegalStateException("loop " + loop + ": the published learner state at seq " + p.seq()
                            + " does not restore: " + e.getMessage(), e);
                }
            } else {
                p = c.state();
            }
            current = new Current(p, scorer, now);
            return current;
        }
    }

    /** Positions compare as (seq, afterIdle): an idle changes state without an entry, so it counts after it. */
    static boolean newer(ServingState.Published p, ServingState.Published than) {
        if (than == null) return true;
        if (p.seq() != than.seq()) return p.seq() > than.seq();
        return p.afterIdle() && !than.afterIdle();
    }
}
