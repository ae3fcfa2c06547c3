/**
 * {@code flywheel analyze}: experiment, off-policy, observational-effect and funnel reports from CSV
 * files; {@code experiment} and {@code ope} also read an engine's data directory ({@code --data DIR
 * --loop LOOP}), where DuckDB aggregates the store (flywheel-store {@code dev.flywheel.store.duckdb})
 * and the directory must not be held by a running server; {@code ope --target learner} also replays
 * the directory's event log into a frozen copy of the loop's learner ({@code FrozenLearner}). Each subcommand prints a readable table on stdout, or exactly one JSON object with
 * {@code --json}; errors go to stderr as one line naming the offending option or column, with exit
 * code 2 and no stack trace. The statistics live in flywheel-core ({@code dev.flywheel.analysis},
 * {@code dev.flywheel.stats}); this package only parses options and formats results.
 */
package dev.flywheel.cli.analyze;
