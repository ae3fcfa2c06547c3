/**
 * The distributed shape in one JVM for a newcomer and for tests ({@code flywheel demo --mode
 * distributed}): a Kafka broker, PostgreSQL and the Flink job on a MiniCluster, started and stopped
 * together ({@link dev.flywheel.cli.stack.DistributedStack}).
 */
package dev.flywheel.cli.stack;
