/**
 * The event log and the stores derived from it. Contract: an entry appended to an
 * {@link dev.flywheel.log.EventLog} is durable when {@code append} returns, carries a dense seq, and
 * is never changed; a {@link dev.flywheel.log.RecordStore} is a replayable projection of the log
 * that records the last seq it applied in the same transaction as the data.
 */
package dev.flywheel.log;
