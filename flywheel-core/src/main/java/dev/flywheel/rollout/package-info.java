/**
 * Rollouts and the model registry: how a loop's traffic is split between model versions, and the
 * lifecycle of those versions. Contract: assignment is sticky (a salted hash of the user), the
 * holdout keeps its users across every canary; every decision records its arm, its model version,
 * the probability of that arm for the user and the allocation period; the slate's per-slot
 * propensities are exact under the arm's sampler, and a challenger in shadow logs its own slate with
 * its own propensities. Every lifecycle change (register, shadow, canary, promote, rollback, retire,
 * baseline, allocate) is one {@link dev.flywheel.rollout.AuditRecord}, appended durably before it
 * takes effect; versions, aliases and periods are the fold of those records, so after any crash they
 * agree with the audit log.
 */
package dev.flywheel.rollout;
