/**
 * {@code --source kafka}: the job reads the distributed shape's topics ({@code docs/distributed.md},
 * "Topics") through Flink's Kafka connector. Contract: {@code <p>.log} entries and the records
 * {@code <p>.ingest} accepts (judged by {@link dev.flywheel.flink.ingest.IngestReading}, as the HTTP API
 * judges them) are the job's input, before its dedupe; each refused {@code <p>.ingest} record is
 * written to {@code <p>.quarantine} in the log's binary form, at least once; the read offsets are
 * Flink state, so a restored job applies each entry once; a bad option stops the submission with
 * its key ({@code kafka.*}) named.
 */
package dev.flywheel.flink.kafka;
