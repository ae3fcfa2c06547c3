package dev.flywheel.feature;

import java.time.Duration;
import java.util.Map;
import java.util.Set;

/**
 * How a loop's feedback features forget and smooth, and what its event types mean to them.
 *
 * @param halfLife      feedback counts and user profiles halve in weight every half-life
 * @param priorStrength pseudo-impressions pulling an item's rates toward the global rates
 * @param roles         event type → the role it plays in the features ({@link #ROLES}): a shop's
 *                      {@code purchase} can count as a {@code like}. A type not named plays the role
 *                      of its own name, so the article vocabulary needs no mapping
 * @param valueTypes    the reaction types paid by their value (a purchase's revenue): each item's
 *                      mean value over them is a feature, so a ranker can tell a dear product from a
 *                      cheap one before it learns their purchase rates
 */
public record FeatureSettings(Duration halfLife, double priorStrength, Map<String, String> roles, Set<String> valueTypes) {
    /** The roles the features know: a click, a positive and a negative judgement. */
    public static final Set<String> ROLES = Set.of("click", "like", "dislike");
    public static final FeatureSettings DEFAULTS = new FeatureSettings(Duration.ofDays(30), 20);

    public FeatureSettings {
        if (halfLife == null || halfLife.isZero() || halfLife.isNegative()) {
            throw new IllegalArgumentException("halfLife must be a positive duration");
        }
        if (!(priorStrength > 0 && Double.isFinite(priorStrength))) throw new IllegalArgumentException("priorStrength must be positive");
        roles = Map.copyOf(roles);
        roles.forEach((type, role) -> {
            if (!ROLES.contains(role)) throw new IllegalArgumentException("role of " + type + " must be one of " + ROLES + ", got " + role);
        });
        valueTypes = Set.copyOf(valueTypes);
    }

    public FeatureSettings(Duration halfLife, double priorStrength) {
        this(halfLife, priorStrength, Map.of(), Set.of());
    }

    /** The role {@code type} plays: its mapped role, or its own name. */
    public String role(String type) {
        return roles.getOrDefault(type, type);
    }
}
