/**
 * The ingest path: admission checks, dedupe by id, group commit into the event log, and the
 * materializer that keeps the queryable store caught up. Contract: a request's future completes
 * only after everything it carried is durable in the log; an id already stored is counted as a
 * duplicate and never stored twice; every refused input is appended to the quarantine.
 */
package dev.flywheel.ingest;
