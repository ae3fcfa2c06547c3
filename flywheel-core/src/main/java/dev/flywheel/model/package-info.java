/**
 * Models that score and explore: online logistic regression (FTRL-Proximal) and slate samplers.
 * Contract: learners are deterministic given their inputs; samplers take their randomness from the
 * caller's seeded generator and log, per slot, the exact probability with which the item was drawn
 * given the slots before it.
 */
package dev.flywheel.model;
