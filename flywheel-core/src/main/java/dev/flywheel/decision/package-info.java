/**
 * Decisions: what a loop showed to a user, with everything the outcome join and off-policy
 * evaluation need (positions, scores, propensities, model version, arm, the arm's probability, the
 * allocation period, candidates, and what challengers in shadow would have shown). Immutable and
 * validated in their constructors. {@link dev.flywheel.decision.DecisionHistory} reads a logged
 * decision back with its events and outcomes (time travel).
 */
package dev.flywheel.decision;
