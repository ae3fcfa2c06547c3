package dev.flywheel.flink.kafka;

import dev.flywheel.kafka.LogRecords;
import dev.flywheel.kafka.Topics;
import dev.flywheel.log.LogEntry;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * A refused {@code <p>.ingest} record's quarantine entry as the servers write theirs ({@link LogRecords}):
 * to {@code <p>.quarantine}, keyed by the id it claimed, the entry in the log's binary form, stamped
 * when it was received.
 */
final class QuarantineRecordSchema implements KafkaRecordSerializationSchema<LogEntry> {
    private static final long serialVersionUID = 1L;
    private final String topicPrefix;
    private transient LogRecords records;

    QuarantineRecordSchema(String topicPrefix) {
        this.topicPrefix = topicPrefix;
    }

    @Override
    public ProducerRecord<byte[], byte[]> serialize(LogEntry entry, KafkaSinkContext context, Long timestamp) {
        if (records == null) records = new LogRecords(new Topics(topicPrefix));
        return records.of(entry);
    }
}
