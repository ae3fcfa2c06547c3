/**
 * The event log and the stores derived from it. Contract: an entry appended through a
 * {@link dev.flywheel.log.LogAppender} is durable when {@code append} returns and is never changed;
 * an {@link dev.flywheel.log.EventLog} is an appender whose entries carry dense seqs in one total
 * order that readers resume from; a {@link dev.flywheel.log.RecordStore} is a replayable projection
 * of the log that records the last seq it applied in the same transaction as the data.
 */
package dev.flywheel.log;
