/**
 * Statistics that decide what Flywheel reports as true: experiment intervals, off-policy estimates,
 * observational effects. Pure functions over plain arrays, tested against hand-computed and
 * reference values; no I/O.
 */
package dev.flywheel.stats;
