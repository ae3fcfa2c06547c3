/**
 * The stream operators of a configuration as an Apache Flink job: the same
 * {@link dev.flywheel.topology.Topology}, wrapped in one operator, fed log entries from any source
 * (Kafka in production) after a dedupe by record id, with its state checkpointed by Flink in the
 * engine's own checkpoint bytes. Contract: the same entries in the same order give the same
 * outcomes, unjoined feedback, served features, alerts and operator state as the embedded runner;
 * a job killed and restored from its last checkpoint commits every row to its sinks once, by the
 * row's identity ({@link dev.flywheel.flink.RowIdentity}), and no row of an epoch that did not
 * complete. The serving state servers read (features, learner states, consumed items, catalog
 * entries, the log topic's applied offsets, {@link dev.flywheel.flink.SourcedEntry}) goes to its
 * store as drained, at least once ({@link dev.flywheel.flink.ServingStateSink}).
 */
package dev.flywheel.flink;
