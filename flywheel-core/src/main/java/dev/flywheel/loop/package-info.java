/**
 * Loops: one decision point of the product and its settings. Contract: every setting is a validated,
 * immutable value read from the loop's config section with errors that name the key.
 */
package dev.flywheel.loop;
