package dev.flywheel.model;

import java.time.Instant;
import java.util.List;

/**
 * A model version's scores: what a rollout arm calls to rank candidates, and what off-policy
 * evaluation asks a frozen copy about logged decisions. Scores are on the scale of the loop's reward
 * (an expected reward per impression). Safe to call from many threads while the loop learns.
 */
@FunctionalInterface
public interface Scorer {
    /**
     * The scores of {@code items} for {@code user} as of {@code at}, in the given order; with the
     * features used and the reasons behind each score when {@code explain} is set.
     */
    List<Candidate> score(String user, List<String> items, Instant at, boolean explain);
}
