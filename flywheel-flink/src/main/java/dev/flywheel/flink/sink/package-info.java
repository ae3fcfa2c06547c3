/**
 * The job's sinks, as plug-ins the job's main finds by name ({@link dev.flywheel.flink.JobPlugin},
 * listed in {@code META-INF/services}): {@code postgres}, the rows in a Flywheel schema through the
 * PostgreSQL adapters of the storage ports ({@link dev.flywheel.flink.sink.PostgresTables}), and
 * {@code parquet}, the applied entries as history in the embedded engine's archive layout
 * ({@link dev.flywheel.flink.sink.ParquetTables}). Contract: a table receives the rows of a
 * checkpoint only once the checkpoint completed, possibly again after a failure, and keeps one row
 * per identity as first written (history: one file set per epoch, named by its first seq), so a
 * restored job writes nothing twice; a bad option stops the submission with its key named.
 */
package dev.flywheel.flink.sink;
