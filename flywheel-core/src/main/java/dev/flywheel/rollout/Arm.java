package dev.flywheel.rollout;

import dev.flywheel.model.ModelVersion;

/**
 * One way a loop's traffic is served: a named arm ({@code champion}, {@code canary}, {@code holdout}, …),
 * the share of users assigned to it, and the model version that serves them.
 */
public record Arm(String name, double share, ModelVersion version) {
    public static final String CHAMPION = "champion";

    public Arm {
        if (name == null || name.isBlank()) throw new IllegalArgumentException("name is required");
        if (!(share > 0 && share <= 1)) throw new IllegalArgumentException("share must be in (0, 1]");
        if (version == null) throw new IllegalArgumentException("version is required");
    }
}
