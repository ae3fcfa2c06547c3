/**
 * The ingest path: admission checks, dedupe by id, group commit into the event log, and the
 * materializer that keeps the queryable store caught up. Contract: a request's future completes
 * only after everything it carried is durable in the log; an id already stored is counted as a
 * duplicate and never stored twice; every refused input is appended to the quarantine. The dedupe
 * sets a start needs come from the snapshot the last clean close left ({@link
 * dev.flywheel.ingest.IdSnapshotStore}) and the log after it, and only when they add up to the
 * store's counts; otherwise from the store's ids.
 */
package dev.flywheel.ingest;
