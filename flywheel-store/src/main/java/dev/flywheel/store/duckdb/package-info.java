/**
 * The DuckDB adapter of {@link dev.flywheel.log.RecordStore}: columns for analysis, the applied seq
 * committed in the same transaction as the rows it covers, and offline operation (no extension is
 * ever downloaded).
 *
 * <p>Analysis reads the store in SQL so that DuckDB does the aggregation:
 * {@link dev.flywheel.store.duckdb.DuckDbExperimentSource} (per-user experiment units of a loop) and
 * {@link dev.flywheel.store.duckdb.DuckDbOpeSource} (logged slates with rewards for off-policy
 * evaluation); {@link dev.flywheel.store.duckdb.ReadOnlyStore} opens a store file for them offline.
 */
package dev.flywheel.store.duckdb;
