package dev.flywheel.rollout;

import java.time.Instant;

/**
 * Who serves whom in a loop during one allocation period: the champion, the challenger and its
 * stage (shadow or canary), the baseline the holdout sees, and the split. Decisions log the period
 * they were made in, so the analysis compares arms within the split that assigned them.
 *
 * @param period     the allocation period, from 1; 0 before anything was promoted
 * @param since      when the period began
 * @param challenger the version in shadow or canary, or null
 * @param stage      {@link VersionStatus#SHADOW}, {@link VersionStatus#CANARY} or {@link VersionStatus#PAUSED}
 *                   with a challenger, else null
 */
public record RolloutState(int period, Instant since, String champion, String challenger, VersionStatus stage,
                           String baseline, Allocation allocation) {
    public RolloutState {
        if (allocation == null) throw new IllegalArgumentException("allocation is required");
        if ((challenger == null) != (stage == null)) throw new IllegalArgumentException("a challenger goes with its stage");
        if (stage != null && stage != VersionStatus.SHADOW && stage != VersionStatus.CANARY && stage != VersionStatus.PAUSED) {
            throw new IllegalArgumentException("stage must be shadow, canary or paused, got " + stage);
        }
    }

    /** The version in canary, or null (a paused canary is not in canary: it serves nobody). */
    public String canary() {
        return stage == VersionStatus.CANARY ? challenger : null;
    }

    /** The version in shadow, or null. */
    public String shadow() {
        return stage == VersionStatus.SHADOW ? challenger : null;
    }

    /** The share of users the holdout really takes: none until a baseline exists. */
    public double holdoutShare() {
        return baseline == null || champion == null ? 0 : allocation.holdout();
    }

    /** The share of users the canary really takes: none without a canary. */
    public double canaryShare() {
        return canary() == null ? 0 : allocation.canary();
    }
}
