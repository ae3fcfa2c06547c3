package dev.flywheel.analysis;

import java.util.List;

/**
 * One logged decision as off-policy evaluation sees it: the served items (row {@code i} is the item
 * {@code items[i]} shown at {@code positions[i]}), their serving scores (NaN when the product sent
 * none), the logging propensities, the observed rewards, and how many candidates the decision had (0
 * when the product did not say).
 */
public record Slate(List<String> items, int[] positions, double[] scores, double[] propensities, double[] rewards,
                    int candidates) {
    public Slate {
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

    public int size() {
        return items.size();
    }
}
