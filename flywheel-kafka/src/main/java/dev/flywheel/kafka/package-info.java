/**
 * Kafka as the log of the distributed shape (docs/distributed.md). Contract: {@link
 * dev.flywheel.kafka.KafkaLogWriter} is a {@link dev.flywheel.log.LogAppender} whose {@code append}
 * returns only when the brokers acknowledged every record ({@code acks=all}, idempotent producer)
 * and otherwise throws {@link dev.flywheel.log.LogException} with nothing counted; events and
 * decisions are keyed by user so one user's entries stay in order in one partition;
 * {@link dev.flywheel.kafka.LogEntryDeserializer} reads back every value the writer wrote, equal.
 * {@link dev.flywheel.kafka.LocalKafka} runs one broker inside the JVM for the demo, benchmarks and tests.
 */
package dev.flywheel.kafka;
