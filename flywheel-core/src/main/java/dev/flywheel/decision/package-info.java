/**
 * Decisions: what a loop showed to a user, with everything the outcome join and off-policy
 * evaluation need (positions, scores, propensities, model version, arm, candidates). Immutable and
 * validated in their constructors.
 */
package dev.flywheel.decision;
