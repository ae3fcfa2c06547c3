/**
 * The DuckDB adapter of {@link dev.flywheel.log.RecordStore}: columns for analysis, the applied seq
 * committed in the same transaction as the rows it covers, and offline operation (no extension is
 * ever downloaded).
 */
package dev.flywheel.store.duckdb;
