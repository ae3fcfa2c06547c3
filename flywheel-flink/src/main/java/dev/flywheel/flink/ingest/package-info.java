/**
 * The job's reading of {@code <p>.ingest}, the topic products produce JSON to directly
 * ({@code docs/distributed.md}). Contract: a record is accepted or refused exactly as the HTTP API
 * would accept or refuse the same body ({@link dev.flywheel.json.JsonRecords},
 * {@link dev.flywheel.ingest.Admission}); every refusal becomes a quarantine entry naming each field
 * and reason, so nothing produced is dropped without a trace.
 */
package dev.flywheel.flink.ingest;
