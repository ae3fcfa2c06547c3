package dev.flywheel.stats;

import dev.flywheel.stats.internal.Checks;

/**
 * One logged decision for off-policy evaluation: a discrete context key (e.g. the slot position or a
 * segment; 0 when the policies ignore context), the action the logging policy took, the probability it
 * had of taking it, the observed reward, and the target policy's probability of that same action.
 */
public record LoggedDecision(int context, int action, double propensity, double reward, double targetProbability) {
    public LoggedDecision {
        check(action, propensity, reward, targetProbability);
    }

    /** The record's checks, also applied to the rows of {@link LoggedDecisions} (no record made). */
    static void check(int action, double propensity, double reward, double targetProbability) {
        if (action < 0) {
            throw new IllegalArgumentException("action must be >= 0, got " + action);
        }
        if (!(propensity > 0 && propensity <= 1)) {
            throw new IllegalArgumentException("propensity must be in (0, 1], got " + propensity);
        }
        Checks.finite("reward", reward);
        Checks.probability("targetProbability", targetProbability);
    }

    /** The importance weight pi_target(a | x) / pi_logging(a | x). */
    public double weight() {
        return targetProbability / propensity;
    }
}
