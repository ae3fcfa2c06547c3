package dev.flywheel.quality.internal;

/**
 * What an expectation checks, built (and its kwargs checked) when the suite loads: a
 * {@link MapRule} judges each value of a column against {@code mostly}; a {@link TableRule} judges
 * one statistic of the whole batch (row count, a column's mean, its distinct values).
 */
public sealed interface Rule permits MapRule, TableRule {
}
