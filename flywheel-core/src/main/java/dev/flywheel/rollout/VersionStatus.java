package dev.flywheel.rollout;

/** Where a version stands in its loop's rollout. */
public enum VersionStatus {
    /** Registered, not serving and not scoring. */
    REGISTERED,
    /** Scores every request of the champion's arm; logged, not shown. */
    SHADOW,
    /** Serves the canary share. */
    CANARY,
    /**
     * Was in canary until paused (by a monitor's alert or a person): serves nobody and scores nothing
     * (the champion serves the canary's share), is judged by no rule, and stays so until a person
     * starts its canary again (a new period, so the sequential tests start afresh), promotes, retires
     * or rolls it back.
     */
    PAUSED,
    /** Serves everyone outside the canary and the holdout. */
    CHAMPION,
    /** Was champion and was replaced, or was withdrawn without a verdict. */
    RETIRED,
    /** Lost its canary on a guardrail, or was taken back from champion. */
    ROLLED_BACK;

    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
