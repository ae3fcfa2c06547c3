package dev.flywheel.rollout;

import java.time.Instant;
import java.util.Optional;

/**
 * Something that starts a retraining of a loop. The autopilot asks each trigger of a loop that has
 * no challenger; the first that fires names the new version's trigger. Data-quality monitors plug
 * in here as triggers too.
 */
@FunctionalInterface
public interface Trigger {
    /** Why a retraining should start now (a short reason for the audit log), or empty. */
    Optional<Fired> check(Since since, Instant now);

    /** Where the loop stands since its last retraining. */
    record Since(String loop, long snapshotSeq, Instant retrainedAt, RolloutState state) { }

    /**
     * @param name    the trigger's name, recorded with the version ({@code outcomes}, {@code schedule}, …)
     * @param reason  what fired it, in words
     * @param numbers the numbers behind it
     */
    record Fired(String name, String reason, java.util.Map<String, Double> numbers) { }
}
