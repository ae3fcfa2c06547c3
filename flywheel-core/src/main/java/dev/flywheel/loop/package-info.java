/**
 * Loops: the decision points of a product, how each one decides and how it values feedback.
 * Contract: a {@link dev.flywheel.loop.LoopPolicy} returns slates whose per-slot propensities are
 * exact, so every logged decision can be evaluated off-policy; a {@link dev.flywheel.loop.RewardSpec}
 * turns the reactions to one served item inside its window into one number.
 */
package dev.flywheel.loop;
