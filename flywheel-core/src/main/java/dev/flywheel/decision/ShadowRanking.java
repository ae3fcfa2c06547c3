package dev.flywheel.decision;

import java.util.List;

/**
 * What a challenger in shadow would have shown for a decision: scored on the same request, logged
 * with the decision, never shown. Its per-slot propensities are those of the challenger's own
 * sampler, so its value can be estimated off-policy from the decisions the champion served.
 *
 * @param version the challenger's model version
 * @param items   its slate, positions 1..k, with its scores and propensities
 */
public record ShadowRanking(String version, List<ServedItem> items) {
    public ShadowRanking {
        if (version == null || version.isBlank()) throw new IllegalArgumentException("version is required");
        if (items == null || items.isEmpty()) throw new IllegalArgumentException("items must not be empty");
        items = List.copyOf(items);
    }
}
