/**
 * The JSON forms of the records Flywheel takes in (events, decisions, catalog items), as the HTTP API
 * documents them, in a module of their own with no web framework so that the HTTP API, the bulk
 * import and the Flink job (records produced to Kafka directly) read them with the same code.
 * Contract: a record is either valid and admitted ({@link dev.flywheel.ingest.Admission}: custom
 * types, clock skew, unknown loops, the expectation suites' row-level checks) or refused with every
 * field error, named as the API names them, and the id it claimed when readable; timestamps are
 * ISO-8601 with an offset ({@link dev.flywheel.json.IsoTimestamps}) or epoch milliseconds.
 */
package dev.flywheel.json;
