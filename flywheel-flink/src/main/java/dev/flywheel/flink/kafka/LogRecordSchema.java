package dev.flywheel.flink.kafka;

import dev.flywheel.flink.FlywheelTypes;
import dev.flywheel.flink.SourcedEntry;
import dev.flywheel.kafka.LogEntryDeserializer;
import dev.flywheel.log.LogEntry;
import java.io.IOException;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * A {@code <p>.log} record as the entry a server appended, with the record's partition and offset
 * ({@link SourcedEntry}, typed {@link FlywheelTypes#SOURCED_ENTRY}: the connector's own {@code
 * valueOnly} would type it generically, which the job refuses). Only
 * servers write the topic: a value that is no entry stops the job, naming where it lies, rather than
 * skipping an entry that was acknowledged.
 */
final class LogRecordSchema implements KafkaRecordDeserializationSchema<SourcedEntry> {
    private static final long serialVersionUID = 1L;

    @Override
    public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<SourcedEntry> out) throws IOException {
        LogEntry e;
        try {
            e = LogEntryDeserializer.decode(record.value());
        } catch (RuntimeException x) {
            throw new IOException(record.topic() + "-" + record.partition() + " at offset " + record.offset() + ": " + x.getMessage(), x);
        }
        if (e != null) out.collect(new SourcedEntry(e, record.partition(), record.offset()));
    }

    @Override
    public TypeInformation<SourcedEntry> getProducedType() {
        return FlywheelTypes.SOURCED_ENTRY;
    }
}
