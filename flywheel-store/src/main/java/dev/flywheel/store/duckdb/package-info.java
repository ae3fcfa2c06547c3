/**
 * The DuckDB adapter of {@link dev.flywheel.log.RecordStore}: columns for analysis, the applied seq
 * committed in the same transaction as the rows it covers, and offline operation (no extension is
 * ever downloaded).
 *
 * <p>Analysis reads the store in SQL so that DuckDB does the aggregation:
 * {@link dev.flywheel.store.duckdb.DuckDbExperimentSource} (per-arm moments of a loop's per-user
 * metrics for the report; the per-user units themselves for analyses that need rows, such as CUPED) and
 * {@link dev.flywheel.store.duckdb.DuckDbOpeSource} (logged slates with rewards for off-policy
 * evaluation: a reward counts when a reward-type event names the decision and the item within the
 * loop's attribution window, end inclusive, as in the outcome join); {@link dev.flywheel.store.duckdb.ReadOnlyStore} opens a store file for them offline.
 *
 * <p>Tables derived from the log (outcomes, unjoined feedback) are kept up to the checkpoint a start
 * restores and refilled after it; those that are not ({@code decision_features}, {@code review_tasks}:
 * made live) are kept across starts.
 *
 * <p>Retention ({@link dev.flywheel.store.duckdb.LogRetention}): old log segments move to the
 * {@link dev.flywheel.store.duckdb.ParquetArchive} and old rows out of the live tables; the history
 * tables are views over the live tables ({@code <table>_live}) and the archive, so every reader sees
 * each row once, archived or not. Rows are written to the live tables, read through the views.
 */
package dev.flywheel.store.duckdb;
