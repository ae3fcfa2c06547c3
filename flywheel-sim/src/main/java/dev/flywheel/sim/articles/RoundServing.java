package dev.flywheel.sim.articles;

import dev.flywheel.loop.Slate;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * How the engine served one round, as its decide answers said: the decisions per model version and
 * arm, the mean score (expected reward) of the served slots, and the share of slots that were
 * explored. A round whose like rate falls apart from its neighbours can be told from a version or
 * rollout change (versions), a ranker whose scores moved (mean score) or more exploration.
 *
 * @param decisions   decisions answered
 * @param versions    decisions per {@code model/arm}
 * @param meanScore   mean score of the served slots (NaN without any)
 * @param exploredShare share of served slots drawn against the ranking (see {@link Counter#count})
 */
public record RoundServing(long decisions, Map<String, Long> versions, double meanScore, double exploredShare) {
    /**
     * A slot the ranking chose has propensity at least 1 − ε under epsilon-greedy exploration (the
     * engine's default, ε = 0.05); one drawn at random has ε / candidates.
     */
    static final double EXPLORED_BELOW = 0.5;

    /** Counts one round's answers. */
    static final class Counter {
        private long decisions;
        private final Map<String, Long> versions = new TreeMap<>();
        private long slots;
        private double scores;
        private long explored;

        void count(String version, List<Slate.Slot> served) {
            decisions++;
            versions.merge(version, 1L, Long::sum);
            for (Slate.Slot s : served) {
                slots++;
                scores += s.score();
                if (s.propensity() < EXPLORED_BELOW) explored++;
            }
        }

        RoundServing done() {
            return new RoundServing(decisions, Map.copyOf(versions), slots == 0 ? Double.NaN : scores / slots,
                    slots == 0 ? 0 : (double) explored / slots);
        }
    }
}
