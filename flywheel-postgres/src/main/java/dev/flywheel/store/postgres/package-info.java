/**
 * The PostgreSQL adapters of the core's storage ports, for the distributed shape: the record store
 * (events, decisions, items, quarantine), outcomes and unjoined feedback, served features, review
 * tasks, alerts, the rollout audit log, model states, operator checkpoints, API keys, the features'
 * state by key (newest position wins) and the rest of the serving state the Flink job publishes
 * ({@link dev.flywheel.store.postgres.PostgresServingState}). Each passes its
 * port's contract suite against a real PostgreSQL server.
 *
 * <p>Contract: every adapter works on a {@link dev.flywheel.store.postgres.PostgresDatabase}, one
 * Flywheel instance's schema (several instances share a server), created and migrated when it is
 * opened. Every write is one transaction: what a call returned from is committed, and a failure
 * leaves nothing of it. Writes that number rows or move a position (the applied seq, a derived
 * table's row count, the last task id or audit seq) lock that number's row in {@code meta} first,
 * so writers in several processes take turns and never hand out a number twice. Rows a sink may
 * write again after a restore (outcomes, unjoined feedback, served features, alerts, review tasks, model
 * states) are keyed and kept once. Time columns are kept to the microsecond, as in the embedded
 * store, and text ties are ordered by code point whatever the server's collation.
 */
package dev.flywheel.store.postgres;
