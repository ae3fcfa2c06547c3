package dev.flywheel.flink.kafka;

import dev.flywheel.flink.FlywheelTypes;
import dev.flywheel.kafka.LogEntryDeserializer;
import dev.flywheel.log.LogEntry;
import java.io.IOException;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * A {@code <p>.log} record as the entry a server appended, typed {@link FlywheelTypes#LOG_ENTRY}
 * (the connector's own {@code valueOnly} would type it generically, which the job refuses). Only
 * servers write the topic: a value that is no entry stops the job, naming where it lies, rather than
 * skipping an entry that was acknowledged.
 */
final class LogRecordSchema implements KafkaRecordDeserializationSchema<LogEntry> {
    private static final long serialVersionUID = 1L;

    @Override
    public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<LogEntry> out) throws IOException {
        LogEntry e;
        try {
            e = LogEntryDeserializer.decode(record.value());
        } catch (RuntimeException x) {
            throw new IOException(record.topic() + "-" + record.partition() + " at offset " + record.offset() + ": " + x.getMessage(), x);
        }
        if (e != null) out.collect(e);
    }

    @Override
    public TypeInformation<LogEntry> getProducedType() {
        return FlywheelTypes.LOG_ENTRY;
    }
}
