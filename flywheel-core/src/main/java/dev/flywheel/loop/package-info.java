/**
 * Loops: the decision points of a product. Contract: a {@link dev.flywheel.loop.LoopPolicy} returns
 * slates whose per-slot propensities are exact, so every logged decision can be evaluated off-policy.
 */
package dev.flywheel.loop;
