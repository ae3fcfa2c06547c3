package dev.flywheel.rollout;

import dev.flywheel.model.ModelVersion;

/**
 * What a loop's decide path reads for one allocation period: the state and the runtime model
 * versions it names. Immutable; the lifecycle publishes a new plan with every change.
 */
public record ServingPlan(RolloutState state, ModelVersion champion, ModelVersion challenger, ModelVersion baseline) {
    public static final String CHAMPION = "champion";
    public static final String CANARY = "canary";
    public static final String HOLDOUT = "holdout";

    public ServingPlan {
        if (state == null || champion == null) throw new IllegalArgumentException("state and champion are required");
        if ((challenger == null) != (state.challenger() == null)) throw new IllegalArgumentException("the challenger must match the state");
        if (state.holdoutShare() > 0 && baseline == null) throw new IllegalArgumentException("a holdout needs its baseline");
    }

    /** A plan that serves {@code champion} to everyone: before a lifecycle is attached (a replay, a test). */
    public static ServingPlan only(ModelVersion champion) {
        return new ServingPlan(new RolloutState(0, java.time.Instant.EPOCH, champion.name(), null, null, null,
                Allocation.DEFAULT), champion, null, null);
    }

    /**
     * The arm of {@code user}: the holdout is the top of the bucket range; the canary is drawn among
     * the other users by a hash salted with the canary's version, so each canary gets fresh users and
     * no holdout user is ever in one.
     */
    public String arm(String salt, String user) {
        double holdout = state.holdoutShare();
        if (holdout > 0 && Assignment.bucket(salt, user) >= 1 - holdout) return HOLDOUT;
        double canary = state.canaryShare();
        if (canary > 0 && Assignment.bucket(salt + '/' + state.canary(), user) < canary / (1 - holdout)) return CANARY;
        return CHAMPION;
    }

    /** The probability that a user is assigned to {@code arm}. */
    public double probability(String arm) {
        return switch (arm) {
            case HOLDOUT -> state.holdoutShare();
            case CANARY -> state.canaryShare();
            default -> 1 - state.holdoutShare() - state.canaryShare();
        };
    }

    /** The version serving {@code arm}. */
    public ModelVersion version(String arm) {
        return switch (arm) {
            case HOLDOUT -> baseline;
            case CANARY -> challenger;
            default -> champion;
        };
    }

    /** The challenger in shadow that scores the champion's requests, or null. */
    public ModelVersion shadow() {
        return state.shadow() != null && state.allocation().shadow() ? challenger : null;
    }
}
