package dev.flywheel.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flywheel.config.ConfigException;
import dev.flywheel.log.LogAppender;
import dev.flywheel.log.LogEntry;
import dev.flywheel.log.contract.Entries;
import dev.flywheel.log.contract.LogAppenderContract;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Kafka writer against a real single-node broker: the appender contract, and how records are keyed and placed. */
class KafkaLogWriterTest extends LogAppenderContract {
    private static final AtomicInteger PREFIXES = new AtomicInteger();
    @TempDir
    static Path brokerDir;
    private static LocalKafka kafka;

    @BeforeAll
    static void startBroker() {
        kafka = LocalKafka.start(brokerDir);
    }

    @AfterAll
    static void stopBroker() {
        kafka.close();
    }

    /** Every test writes its own topics. */
    private static KafkaSettings fresh() {
        return KafkaSettings.of(kafka.bootstrap()).withTopicPrefix("t" + PREFIXES.incrementAndGet());
    }

    private final Map<LogAppender, KafkaSettings> opened = new HashMap<>();

    @Override
    protected LogAppender openAppender() {
        KafkaSettings s = fresh();
        KafkaLogWriter w = KafkaLogWriter.open(s);
        opened.put(w, s);
        return w;
    }

    @Override
    protected List<LogEntry> appendedBy(LogAppender appender, int expected) {
        Topics t = opened.get(appender).topics();
        List<LogEntry> out = TopicReader.entries(TopicReader.read(kafka.bootstrap(), List.of(t.log(), t.quarantine()), expected, Duration.ofSeconds(30)));
        assertEquals(expected, out.size(), "entries in " + t.log() + " and " + t.quarantine());
        return out;
    }

    @Test
    void theWriterReportsWhereItsAcknowledgedEntriesSitAndWhichOfThemAnAppliedPositionCovers() {
        KafkaSettings s = fresh();
        List<LogEntry> in = Entries.mixed(0, 1_000);
        AcknowledgedOffsets acked;
        try (KafkaLogWriter w = KafkaLogWriter.open(s)) {
            assertEquals(Map.of(), w.acknowledged().highest());
            for (int i = 0; i < in.size(); i += 100) w.append(in.subList(i, i + 100));
            acked = w.acknowledged();
        }
        List<ConsumerRecord<byte[], LogEntry>> log = TopicReader.read(kafka.bootstrap(), List.of(s.topics().log()), 1, Duration.ofSeconds(30));
        Map<Integer, Long> last = new HashMap<>();
        Map<Long, ConsumerRecord<byte[], LogEntry>> bySeq = new HashMap<>();
        for (ConsumerRecord<byte[], LogEntry> r : log) {
            last.merge(r.partition(), r.offset(), Math::max);
            bySeq.put(r.value().seq(), r);
        }
        assertEquals(last, acked.highest(), "the highest offset per partition, as a reader finds them");
        assertEquals(-1, acked.coveredBy(Map.of()));
        // applied up to the record of seq 449 in its partition and everything before it elsewhere:
        // every group up to the one ending at 399 is covered, the group 400..499 is not
        long cut = 449;
        while (!bySeq.containsKey(cut)) cut--;
        Map<Integer, Long> applied = new HashMap<>();
        for (ConsumerRecord<byte[], LogEntry> r : log) if (r.value().seq() <= cut) applied.merge(r.partition(), r.offset(), Math::max);
        long covered = acked.coveredBy(applied);
        assertTrue(covered >= 399 && covered < 499, "covered " + covered);
        assertEquals(in.size() - 1, acked.coveredBy(last));
    }

    @Test
    void aUsersEventsAndDecisionsShareOnePartitionAndRefusedInputGoesToTheQuarantineTopic() {
        KafkaSettings s = fresh();
        List<LogEntry> in = Entries.mixed(0, 2_000);
        try (KafkaLogWriter w = KafkaLogWriter.open(s)) {
            for (int i = 0; i < in.size(); i += 250) w.append(in.subList(i, i + 250));
        }
        Topics t = s.topics();
        List<ConsumerRecord<byte[], LogEntry>> log = TopicReader.read(kafka.bootstrap(), List.of(t.log()), 1, Duration.ofSeconds(30));
        List<ConsumerRecord<byte[], LogEntry>> quarantine = TopicReader.read(kafka.bootstrap(), List.of(t.quarantine()), 1, Duration.ofSeconds(30));
        Map<String, Set<Integer>> partitionsOfKey = new HashMap<>();
        for (ConsumerRecord<byte[], LogEntry> r : log) {
            String key = new String(r.key(), StandardCharsets.UTF_8);
            assertEquals(key, keyOf(r.value()), "record key of " + r.value());
            assertEquals(r.value().receivedMillis(), r.timestamp());
            partitionsOfKey.computeIfAbsent(key, k -> new HashSet<>()).add(r.partition());
        }
        partitionsOfKey.forEach((k, p) -> assertEquals(1, p.size(), k + " is in partitions " + p));
        Set<Integer> used = new HashSet<>();
        partitionsOfKey.values().forEach(used::addAll);
        assertTrue(used.size() > 1, "the 5 users and 20 items spread over more than one of 6 partitions: " + used);
        long refused = in.stream().filter(e -> e instanceof LogEntry.QuarantineEntry).count();
        assertEquals(refused, quarantine.size());
        assertTrue(quarantine.stream().allMatch(r -> r.value() instanceof LogEntry.QuarantineEntry));
        assertEquals(in.size() - refused, log.size());
    }

    private static String keyOf(LogEntry e) {
        if (e instanceof LogEntry.EventEntry x) return x.event().user();
        if (e instanceof LogEntry.DecisionEntry x) return x.decision().user();
        return ((LogEntry.ItemEntry) e).item().id();
    }

    @Test
    void existingTopicsWithAnotherPartitionCountAreRefusedNamingTheSetting() {
        KafkaSettings three = fresh().withPartitions(3);
        KafkaLogWriter.open(three).close();
        ConfigException e = assertThrows(ConfigException.class, () -> KafkaLogWriter.open(three.withPartitions(6)));
        assertEquals("kafka.partitions", e.key());
        assertTrue(e.getMessage().contains("already has 3 partitions"), e.getMessage());
        KafkaLogWriter.open(three).close(); // the same count is fine
    }

    /**
     * What broke: appends made right after the writer created its topics timed out. The broker
     * refused the first request to a partition it did not lead yet, took the next one, and then
     * refused every retry of the first as out of order (KAFKA-15591) until the delivery timeout.
     */
    @Test
    void appendsRightAfterTheTopicsWereCreatedAreAcknowledged() {
        KafkaSettings s = fresh().withDeliveryTimeout(Duration.ofSeconds(10));
        List<LogEntry> in = Entries.mixed(0, 3_000);
        try (KafkaLogWriter w = KafkaLogWriter.open(s)) {
            for (int i = 0; i < in.size(); i += 100) w.append(in.subList(i, i + 100));
        }
        Topics t = s.topics();
        assertEquals(in.size(), TopicReader.read(kafka.bootstrap(), t.all(), in.size(), Duration.ofSeconds(30)).size());
    }

    @Test
    void aDecodedEntryTakesTheReadersSeq() {
        List<LogEntry> in = new ArrayList<>(Entries.mixed(40, 20));
        for (LogEntry e : in) {
            LogEntry renumbered = e.withSeq(7);
            assertEquals(7, renumbered.seq());
            assertEquals(e, renumbered.withSeq(e.seq()));
        }
    }
}
