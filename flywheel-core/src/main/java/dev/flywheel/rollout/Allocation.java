package dev.flywheel.rollout;

/**
 * How a loop's users are split: a canary share served by the challenger while it is in canary, a
 * holdout share always served by the baseline, the rest by the champion; and whether a challenger
 * in shadow scores every request.
 *
 * <p>The holdout takes the top of the bucket range and the canary is drawn among the other users,
 * so starting or ending a canary never moves a holdout user.
 */
public record Allocation(double canary, double holdout, boolean shadow) {
    public static final Allocation DEFAULT = new Allocation(0.1, 0, true);

    public Allocation {
        if (!(canary > 0 && canary <= 0.5)) throw new IllegalArgumentException("canary must be in (0, 0.5], got " + canary);
        if (!(holdout >= 0 && holdout <= 0.5)) throw new IllegalArgumentException("holdout must be in [0, 0.5], got " + holdout);
    }
}
