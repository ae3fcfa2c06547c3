package dev.flywheel.kafka;

import dev.flywheel.log.LogEntry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/** Reads topics from their beginning with a plain consumer and the module's deserialiser, as any reader would. */
final class TopicReader {
    private TopicReader() { }

    /** Every record of {@code topics}, each partition in offset order, once at least {@code expected} are there (or after {@code wait}). */
    static List<ConsumerRecord<byte[], LogEntry>> read(String bootstrap, List<String> topics, int expected, Duration wait) {
        Map<String, Object> cfg = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, LogEntryDeserializer.class,
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 10_000);
        List<ConsumerRecord<byte[], LogEntry>> out = new ArrayList<>();
        try (KafkaConsumer<byte[], LogEntry> consumer = new KafkaConsumer<>(cfg)) {
            List<TopicPartition> parts = new ArrayList<>();
            for (String t : topics) consumer.partitionsFor(t).forEach(p -> parts.add(new TopicPartition(t, p.partition())));
            consumer.assign(parts);
            consumer.seekToBeginning(parts);
            long deadline = System.nanoTime() + wait.toNanos();
            while (System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(out::add);
                if (out.size() >= expected && endReached(consumer, parts)) break;
            }
        }
        return out;
    }

    private static boolean endReached(KafkaConsumer<?, ?> consumer, List<TopicPartition> parts) {
        Map<TopicPartition, Long> ends = consumer.endOffsets(parts);
        for (TopicPartition p : parts) if (consumer.position(p) < ends.get(p)) return false;
        return true;
    }

    static List<LogEntry> entries(List<ConsumerRecord<byte[], LogEntry>> records) {
        return records.stream().map(ConsumerRecord::value).toList();
    }
}
