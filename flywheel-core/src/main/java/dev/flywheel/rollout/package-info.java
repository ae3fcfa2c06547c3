/**
 * Rollouts and the model registry: how a loop's traffic is split between model versions, and the
 * lifecycle of those versions. Contract: assignment is sticky (a salted hash of the user), the
 * holdout keeps its users across every canary; every decision records its arm, its model version,
 * the probability of that arm for the user and the allocation period; the slate's per-slot
 * propensities are exact under the arm's sampler, and a challenger in shadow logs its own slate with
 * its own propensities. Every lifecycle change (register, shadow, canary, promote, rollback, retire,
 * baseline, allocate, pause) is one {@link dev.flywheel.rollout.AuditRecord}, appended durably before it
 * takes effect; versions, aliases and periods are the fold of those records, so after any crash they
 * agree with the audit log.
 *
 * <p>Pause: a canary paused by a monitor's alert ({@link dev.flywheel.rollout.CanaryPause}, actor
 * {@code monitor}) stays the challenger with stage {@code paused}: it serves nobody and scores
 * nothing, the champion serves its share, and no rule judges it or retrains the loop until a person
 * starts its canary again (a new period: the sequential tests start afresh), promotes, retires or
 * rolls it back. Only a version in canary can be paused. A log written before {@code pause} existed
 * holds none and reads as it always did. A drift alert of a loop configured to retrain is a trigger
 * ({@link dev.flywheel.rollout.Triggers#drift}).
 */
package dev.flywheel.rollout;
