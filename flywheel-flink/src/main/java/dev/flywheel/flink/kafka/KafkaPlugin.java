package dev.flywheel.flink.kafka;

import dev.flywheel.flink.FlinkJob;
import dev.flywheel.flink.FlywheelTypes;
import dev.flywheel.flink.JobPlugin;
import dev.flywheel.flink.JobSettings;
import dev.flywheel.flink.SourcedEntry;
import dev.flywheel.flink.ingest.IngestReading;
import dev.flywheel.kafka.KafkaSettings;
import dev.flywheel.kafka.Topics;
import dev.flywheel.log.LogEntry;
import java.util.Map;
import java.util.Properties;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.java.tuple.Tuple3;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.KafkaSourceBuilder;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;
import org.apache.kafka.clients.producer.ProducerConfig;

/**
 * {@code --source kafka}: the entries of {@code <p>.log} with the records {@code <p>.ingest} accepts
 * ({@link IngestReading}), unioned before the job's dedupe; the refused ones to {@code <p>.quarantine}.
 * Both topics are read from the offsets in the job's checkpoint (exactly once with it); a job started
 * without state begins at the consumer group's committed offsets ({@code kafka.group_id}; Flink
 * commits them when a checkpoint completes), or at the earliest when the group has none.
 * Options: {@link KafkaSourceSettings}.
 */
public final class KafkaPlugin implements JobPlugin {
    public static final String INGEST_SOURCE_UID = "flywheel-ingest-source";
    public static final String INGEST_READING_UID = "flywheel-ingest-reading";
    public static final String QUARANTINE_UID = "flywheel-quarantine";

    @Override
    public String name() {
        return "kafka";
    }

    /** Entries of {@code <p>.log} carry their partition and offset; those {@code <p>.ingest} accepts carry none. */
    @Override
    public DataStream<SourcedEntry> sourcedEntries(StreamExecutionEnvironment env, Map<String, String> options, JobSettings settings) {
        KafkaSourceSettings s = KafkaSourceSettings.from(options);
        Topics topics = s.kafka().topics();
        DataStream<SourcedEntry> log = env.fromSource(source(s, topics.log(), "log", new LogRecordSchema()), WatermarkStrategy.noWatermarks(),
                "kafka " + topics.log(), FlywheelTypes.SOURCED_ENTRY).uid(SOURCE_UID);
        SingleOutputStreamOperator<LogEntry> ingested = env.fromSource(source(s, topics.ingest(), "ingest", new IngestRecordSchema()),
                        WatermarkStrategy.noWatermarks(), "kafka " + topics.ingest(), IngestReading.RECORD).uid(INGEST_SOURCE_UID)
                .process(new IngestReading(settings.config()), FlywheelTypes.LOG_ENTRY).name("ingest-reading").uid(INGEST_READING_UID);
        ingested.getSideOutput(IngestReading.QUARANTINED).sinkTo(quarantine(s.kafka()))
                .name("kafka " + topics.quarantine()).uid(QUARANTINE_UID);
        return log.union(FlinkJob.unplaced(ingested));
    }

    /** The entries without their places: {@link #sourcedEntries} is what the job reads. */
    @Override
    public DataStream<LogEntry> entries(StreamExecutionEnvironment env, Map<String, String> options, JobSettings settings) {
        throw new UnsupportedOperationException("the kafka plug-in's entries carry places: read sourcedEntries");
    }

    @SuppressWarnings("deprecation") // the connector's committedOffsets still takes kafka-clients' OffsetResetStrategy
    private static <T> KafkaSource<T> source(KafkaSourceSettings s, String topic, String client,
                                             KafkaRecordDeserializationSchema<T> schema) {
        KafkaSourceBuilder<T> b = KafkaSource.<T>builder()
                .setBootstrapServers(s.kafka().bootstrap())
                .setTopics(topic)
                .setGroupId(s.groupId())
                .setClientIdPrefix(s.groupId() + "-" + client)
                .setStartingOffsets(OffsetsInitializer.committedOffsets(OffsetResetStrategy.EARLIEST))
                .setDeserializer(schema)
                // a product producing to <p>.ingest in transactions: what it aborted is never applied
                .setProperty(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        if (s.bounded()) b.setBounded(OffsetsInitializer.latest());
        return b.build();
    }

    /**
     * At least once: each checkpoint waits until the brokers acknowledged every quarantine record
     * before it, so none is lost; a replay after a restore may write a refusal again (the same
     * entry: source, index, id, reason and time received), which a reader of refusals can tell. Exactly
     * once would need a Kafka transaction per checkpoint and every reader on read_committed, for a
     * topic the servers write without transactions.
     */
    private static KafkaSink<LogEntry> quarantine(KafkaSettings k) {
        Properties p = new Properties();
        k.producerProperties().forEach((key, value) -> {
            if (!key.equals(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG) && !key.equals(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG)) {
                p.setProperty(key, String.valueOf(value));
            }
        });
        return KafkaSink.<LogEntry>builder().setBootstrapServers(k.bootstrap()).setKafkaProducerConfig(p)
                .setRecordSerializer(new QuarantineRecordSchema(k.topicPrefix()))
                .setDeliveryGuarantee(DeliveryGuarantee.AT_LEAST_ONCE).build();
    }
}
