/**
 * Rollouts: how a loop's traffic is split between model versions. Contract: assignment is sticky (a
 * salted hash of the user), every decision records its arm, its model version and the probability of
 * that arm for the user, and the slate's per-slot propensities are exact under the arm's sampler.
 */
package dev.flywheel.rollout;
