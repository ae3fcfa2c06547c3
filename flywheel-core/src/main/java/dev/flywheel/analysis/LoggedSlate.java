package dev.flywheel.analysis;

import java.time.Instant;
import java.util.List;

/**
 * One logged decision as off-policy evaluation sees it: the served items (row {@code i} is the item
 * {@code items[i]} shown at {@code positions[i]}), their serving scores (NaN when the product sent
 * none), the logging propensities, the observed rewards, how many candidates the decision had (0
 * when the product did not say), and, for targets that re-score the decision, its {@link Origin}
 * (null when the source did not read it).
 */
public record LoggedSlate(List<String> items, int[] positions, double[] scores, double[] propensities, double[] rewards,
                    int candidates, Origin origin) {
    /** Who the decision was for, when it was made and the candidates it chose from. */
    public record Origin(String user, Instant at, List<String> candidates) {
        public Origin {
            if (user == null || at == null) {
                throw new IllegalArgumentException("a slate origin needs the user and the decision time");
            }
            candidates = List.copyOf(candidates);
        }
    }

    public LoggedSlate {
        items = List.copyOf(items);
        int k = items.size();
        if (k == 0) {
            throw new IllegalArgumentException("a slate needs at least one served item");
        }
        if (positions.length != k || scores.length != k || propensities.length != k || rewards.length != k) {
            throw new IllegalArgumentException("items, positions, scores, propensities and rewards must have "
                    + k + " entries each");
        }
        if (candidates < 0) {
            throw new IllegalArgumentException("candidates must be >= 0, got " + candidates);
        }
        positions = positions.clone();
        scores = scores.clone();
        propensities = propensities.clone();
        rewards = rewards.clone();
    }

    /** A slate without its origin: enough for every target that only re-ranks the served items. */
    public LoggedSlate(List<String> items, int[] positions, double[] scores, double[] propensities, double[] rewards,
                 int candidates) {
        this(items, positions, scores, propensities, rewards, candidates, null);
    }

    public int size() {
        return items.size();
    }
}
