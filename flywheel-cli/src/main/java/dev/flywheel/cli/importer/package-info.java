/**
 * {@code flywheel import}: loads a product's history (events, catalog items, decisions) into a data
 * directory through the engine's own {@link dev.flywheel.ingest.IngestPipeline}, so imported records
 * are validated, deduplicated, made durable and quarantined exactly as records posted to the HTTP API.
 *
 * <p>Contract: every input file is read through an in-memory DuckDB ({@code read_csv},
 * {@code read_json}, {@code read_parquet}) and mapped by SQL before the first record is written, so a
 * mapping that does not fit its file fails with the mapping key named and stores nothing. Each row
 * ends in exactly one of: stored, duplicate (an id seen before; derived from the row's content when
 * the file has no id, so importing a file twice stores it once), or quarantined with every reason,
 * each naming the field and where the mapping read it from. Events reach the log sorted by
 * (timestamp, row, emit rule), decisions merged in by time, items before both. The command returns
 * when everything is durable in the log and the queryable store has caught up.
 *
 * <p>Memory: the mapped rows, their sort and the refused rows wait in DuckDB (which spills to a
 * temporary directory); Java holds the batches in flight and the dictionaries of repeated text.
 * Decisions are the exception: read line by line as JSON (the API's format, through
 * {@link dev.flywheel.json.JsonRecords}) and held in memory, sorted by time, to be merged into the
 * events.
 *
 * <p>{@link dev.flywheel.cli.importer.FileRows} lends the same DuckDB readers to commands that look at a
 * file's values as they are ({@code flywheel validate}): a whole CSV or JSON-lines file as typed rows.
 */
package dev.flywheel.cli.importer;
