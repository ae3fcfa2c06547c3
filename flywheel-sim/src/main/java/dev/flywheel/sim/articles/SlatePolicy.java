package dev.flywheel.sim.articles;

import java.util.List;

/**
 * A ranker under test: the decision of a feed loop. The HTTP-backed Flywheel policy implements this
 * too, so every policy is compared on the same world under the same rules.
 */
public interface SlatePolicy {

    /** A short stable name for reports, e.g. {@code oracle}. */
    String name();

    /**
     * Chooses up to {@code k} distinct items from {@code candidates}, best first. The candidates
     * already obey the world rules (published, not disliked by this user); returning anything else
     * is a bug the run reports. {@code now} is the simulated time of the request.
     */
    List<String> rank(String user, List<String> candidates, int k, java.time.Instant now);

    /** Learns from what happened to a slate this policy served. Policies that do not learn ignore it. */
    default void observe(Feedback feedback) { }
}
