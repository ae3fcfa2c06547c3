package dev.flywheel.flink.kafka;

import dev.flywheel.flink.ingest.IngestReading;
import dev.flywheel.kafka.Topics;
import java.nio.charset.StandardCharsets;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.java.tuple.Tuple3;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

/**
 * A {@code <p>.ingest} record as {@link IngestReading#RECORD}: its {@code kind} header (or null), its
 * value (an empty body for a null value, which the reading refuses into the quarantine) and its
 * timestamp. Nothing is judged here: every record reaches the reading.
 */
final class IngestRecordSchema implements KafkaRecordDeserializationSchema<Tuple3<String, byte[], Long>> {
    private static final long serialVersionUID = 1L;
    private static final byte[] EMPTY = new byte[0];

    @Override
    public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<Tuple3<String, byte[], Long>> out) {
        Header kind = record.headers().lastHeader(Topics.KIND_HEADER);
        String k = kind == null || kind.value() == null ? null : new String(kind.value(), StandardCharsets.UTF_8);
        out.collect(Tuple3.of(k, record.value() == null ? EMPTY : record.value(), record.timestamp()));
    }

    @Override
    public TypeInformation<Tuple3<String, byte[], Long>> getProducedType() {
        return IngestReading.RECORD;
    }
}
