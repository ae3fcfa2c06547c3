package dev.flywheel.flink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flywheel.event.Event;
import dev.flywheel.kafka.KafkaLogWriter;
import dev.flywheel.kafka.KafkaSettings;
import dev.flywheel.kafka.LocalKafka;
import dev.flywheel.kafka.LogEntryDeserializer;
import dev.flywheel.kafka.Topics;
import dev.flywheel.log.LogEntry;
import dev.flywheel.store.postgres.PostgresServingState;
import dev.flywheel.store.postgres.LocalPostgres;
import dev.flywheel.store.postgres.PostgresSettings;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --source kafka} on a real broker, as {@code flink run} starts it: the seeded stream (with
 * repeats) written to {@code <p>.log} by the servers' writer, JSON produced to {@code <p>.ingest} as a
 * product would, three partitions each. The job applies every entry once (repeats dropped across both
 * topics), each user's in the log's order (the order across users is the read's), its tables equal the embedded runner's over the entries it applied, in its order, and each
 * refused {@code <p>.ingest} record is in {@code <p>.quarantine} with its field. The serving state it
 * publishes to PostgreSQL says, per partition of {@code <p>.log}, the last offset applied: once the
 * job has applied everything, each partition's last record's (repeats dropped count as applied).
 */
class KafkaSourceParityTest {
    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1).setNumberSlotsPerTaskManager(1).build());
    private static final String USER = "k-1";

    @TempDir
    Path dir;

    @Test
    void logAndIngestGiveTheEmbeddedRunnersRowsAndRefusedRecordsLandInTheQuarantine() throws Exception {
        List<LogEntry> entries = SeededStream.entries(5, 200);
        List<LogEntry> delivered = SeededStream.delivered(entries, 11);
        Event resent = resendable(entries);
        try (LocalKafka kafka = LocalKafka.start(dir.resolve("kafka"))) {
            KafkaSettings s = KafkaSettings.of(kafka.bootstrap()).withTopicPrefix("kt").withPartitions(3);
            Topics.ensure(s);
            try (KafkaLogWriter w = KafkaLogWriter.open(s)) {
                // as servers append them: the writer numbers its own entries densely (repeats included)
                w.append(java.util.stream.IntStream.range(0, delivered.size()).mapToObj(i -> delivered.get(i).withSeq(i)).toList());
            }
            produceIngest(s, resent);
            Path config = Files.writeString(dir.resolve("flywheel.yaml"), SeededStream.CONFIG);
            PostgresSettings pg = LocalPostgres.shared().freshSchema("f", 2);
            JobMain.main(new String[] {"--config", config.toString(), "--source", "kafka", "--tables", "applied,postgres",
                    "--set", "kafka.bootstrap=" + kafka.bootstrap(), "--set", "kafka.topic_prefix=kt", "--set", "kafka.bounded=true",
                    "--set", "applied.table=kafka", "--set", "postgres.url=" + pg.url(), "--set", "postgres.schema=" + pg.schema(),
                    "--flink", "checkpoint_interval=300ms", "--flink", "quiet=1h"});
            assertAppliedOnce(entries, AppliedTables.applied("kafka"));
            assertEquals(perUser(entries, resent.id()), perUser(AppliedTables.applied("kafka"), resent.id()), "each user's entries in order");
            assertParity(AppliedTables.applied("kafka"));
            assertQuarantined(quarantine(kafka.bootstrap(), s.topics().quarantine(), 2));
            Map<Integer, Long> last = lastOffsets(quarantine(kafka.bootstrap(), s.topics().log(), delivered.size()));
            assertEquals(3, last.size(), "three partitions written: " + last);
            try (PostgresServingState serving = PostgresServingState.open(pg)) {
                assertEquals(last, serving.applied(), "each partition's last offset");
            }
        }
    }

    /** An event of the log, re-sent by a product to {@code <p>.ingest}: the dedupe keeps one of the two. */
    private static Event resendable(List<LogEntry> entries) {
        return entries.stream().filter(e -> e instanceof LogEntry.EventEntry x && x.event().session() == null
                        && x.event().propsJson() == null && x.event().value() == null && x.event().decision() != null)
                .map(e -> ((LogEntry.EventEntry) e).event()).skip(10).findFirst().orElseThrow();
    }

    private static void produceIngest(KafkaSettings s, Event resent) {
        String at = entriesTime();
        String resentJson = "{\"id\": \"" + resent.id() + "\", \"type\": \"" + resent.type() + "\", \"timestamp\": \"" + resent.timestamp()
                + "\", \"user\": \"" + resent.user() + "\", \"decision\": \"" + resent.decision() + "\", \"loop\": \"" + resent.loop()
                + "\", \"item\": \"" + resent.item() + "\"}";
        try (KafkaProducer<byte[], byte[]> p = new KafkaProducer<>(s.producerProperties())) {
            p.send(record(s, "event", event("k-e1", "click", at)));
            p.send(record(s, null, "{\"events\": [" + event("k-e2", "like", at) + ", " + event("k-bad", "no such type", at) + "]}"));
            p.send(record(s, null, "{\"id\": \"k-what\"}"));
            p.send(record(s, "event", resentJson));
            p.flush();
        }
    }

    private static String entriesTime() {
        return SeededStream.entries(5, 200).stream().filter(e -> e instanceof LogEntry.EventEntry)
                .map(e -> ((LogEntry.EventEntry) e).event().timestamp().toString()).findFirst().orElseThrow();
    }

    private static String event(String id, String type, String at) {
        return "{\"id\": \"" + id + "\", \"type\": \"" + type + "\", \"timestamp\": \"" + at + "\", \"user\": \"" + USER
                + "\", \"loop\": \"feed\", \"item\": \"k-item\"}";
    }

    private static ProducerRecord<byte[], byte[]> record(KafkaSettings s, String kind, String json) {
        ProducerRecord<byte[], byte[]> r = new ProducerRecord<>(s.topics().ingest(), USER.getBytes(StandardCharsets.UTF_8),
                json.getBytes(StandardCharsets.UTF_8));
        if (kind != null) r.headers().add(Topics.KIND_HEADER, kind.getBytes(StandardCharsets.UTF_8));
        return r;
    }

    /** Dense seqs; the log's entries each once (its repeats and the re-sent event dropped), and the two accepted ingest events. */
    private static void assertAppliedOnce(List<LogEntry> entries, List<LogEntry> applied) {
        assertEquals(LongStream.range(0, applied.size()).boxed().toList(), applied.stream().map(LogEntry::seq).toList(), "dense seqs");
        List<String> expected = new ArrayList<>(entries.stream().map(KafkaSourceParityTest::identity).toList());
        expected.addAll(List.of("event k-e1", "event k-e2"));
        expected.sort(null);
        List<String> got = new ArrayList<>(applied.stream().map(KafkaSourceParityTest::identity).toList());
        got.sort(null);
        assertEquals(expected, got);
    }

    /** Each user's events and decisions of the log in order, but the one re-sent through {@code <p>.ingest} (either copy may win). */
    private static Map<String, List<String>> perUser(List<LogEntry> entries, String resentId) {
        Map<String, List<String>> out = new java.util.TreeMap<>();
        for (LogEntry e : entries) {
            String user = e instanceof LogEntry.EventEntry x ? x.event().user() : e instanceof LogEntry.DecisionEntry x ? x.decision().user() : null;
            if (user != null && !user.equals(USER) && !identity(e).equals("event " + resentId)) {
                out.computeIfAbsent(user, u -> new ArrayList<>()).add(identity(e));
            }
        }
        return out;
    }

    private static String identity(LogEntry e) {
        if (e instanceof LogEntry.EventEntry x) return "event " + x.event().id();
        if (e instanceof LogEntry.DecisionEntry x) return "decision " + x.decision().id();
        if (e instanceof LogEntry.ItemEntry x) return "item " + x.item().id();
        return "other " + e;
    }

    /** The embedded runner over what the job applied, in the job's order: the same rows. */
    private void assertParity(List<LogEntry> applied) {
        EmbeddedReference.Result embedded = EmbeddedReference.run(dir.resolve("embedded"), SeededStream.CONFIG, applied);
        assertTrue(embedded.outcomes().size() > 1_000, "outcomes: " + embedded.outcomes().size());
        assertTrue(embedded.unjoined().stream().anyMatch(u -> u.event().user().equals(USER)), "the ingest clicks join nothing");
        assertEquals(new HashSet<>(embedded.outcomes()), new HashSet<>(AppliedTables.rows("kafka", "outcomes")), "outcomes");
        assertEquals(new HashSet<>(embedded.unjoined()), new HashSet<>(AppliedTables.rows("kafka", "unjoined")), "unjoined");
        assertEquals(new HashSet<>(embedded.served()), new HashSet<>(AppliedTables.rows("kafka", "served")), "served features");
        assertEquals(new HashSet<>(embedded.alerts()), new HashSet<>(AppliedTables.rows("kafka", "alerts")), "alerts");
        assertTrue(embedded.alerts().size() >= 2, "alerts: " + embedded.alerts());
    }

    private static void assertQuarantined(List<ConsumerRecord<byte[], byte[]>> records) {
        List<String> got = records.stream().map(r -> {
            LogEntry.QuarantineEntry q = (LogEntry.QuarantineEntry) LogEntryDeserializer.decode(r.value());
            String key = r.key() == null ? null : new String(r.key(), StandardCharsets.UTF_8);
            return q.rejected().source() + "#" + q.rejected().index() + " " + key + " " + q.rejected().errors().get(0).field()
                    + (q.rejected().recordId() == null ? "" : " claimed " + q.rejected().recordId());
        }).sorted().toList();
        assertEquals(List.of("event#1 k-bad type claimed k-bad", "request#-1 null kind"), got);
    }

    /** The highest offset of each partition among {@code records}. */
    private static Map<Integer, Long> lastOffsets(List<ConsumerRecord<byte[], byte[]>> records) {
        Map<Integer, Long> out = new java.util.TreeMap<>();
        for (ConsumerRecord<byte[], byte[]> r : records) out.merge(r.partition(), r.offset(), Math::max);
        return out;
    }

    /** {@code <p>.quarantine} (or any topic) from its beginning with a plain consumer, once {@code expected} records came (or 30 s passed). */
    static List<ConsumerRecord<byte[], byte[]>> quarantine(String bootstrap, String topic, int expected) {
        Map<String, Object> cfg = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        List<ConsumerRecord<byte[], byte[]>> out = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(cfg)) {
            List<TopicPartition> parts = c.partitionsFor(topic).stream().map(p -> new TopicPartition(topic, p.partition())).toList();
            c.assign(parts);
            c.seekToBeginning(parts);
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (System.nanoTime() < deadline && out.size() < expected) c.poll(Duration.ofMillis(200)).forEach(out::add);
            c.poll(Duration.ofMillis(500)).forEach(out::add);
        }
        return out;
    }
}
