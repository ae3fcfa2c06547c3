package dev.flywheel.flink.kafka;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flywheel.event.Event;
import dev.flywheel.event.FieldError;
import dev.flywheel.flink.SourcedEntry;
import dev.flywheel.kafka.LogRecords;
import dev.flywheel.kafka.Topics;
import dev.flywheel.log.LogEntry;
import dev.flywheel.log.Rejected;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.java.tuple.Tuple3;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

/**
 * The records the Kafka plug-in reads and writes, one by one: a {@code <p>.log} value back to the
 * entry the servers' records carry, a value that is no entry refused with where it lies, a
 * {@code <p>.ingest} record with or without its kind header, and a refusal as the servers write theirs.
 */
class KafkaRecordSchemasTest {
    private static final LogEntry CLICK = new LogEntry.EventEntry(3, 1_700_000_000_123L,
            new Event("e-1", "click", Instant.parse("2026-11-27T10:15:30Z"), "u-1", null, "d-1", "feed", "a-1", null, null));

    private static <T> List<T> collect(ThrowingRead<T> read) throws IOException {
        List<T> out = new ArrayList<>();
        read.into(new Collector<>() {
            @Override
            public void collect(T record) {
                out.add(record);
            }

            @Override
            public void close() { }
        });
        return out;
    }

    interface ThrowingRead<T> {
        void into(Collector<T> out) throws IOException;
    }

    @Test
    void aLogRecordIsTheEntryTheServersWroteAtItsPartitionAndOffset() throws IOException {
        ProducerRecord<byte[], byte[]> written = new LogRecords(new Topics("kt")).of(CLICK);
        ConsumerRecord<byte[], byte[]> read = new ConsumerRecord<>("kt.log", 2, 7, written.key(), written.value());
        assertEquals(List.of(new SourcedEntry(CLICK, 2, 7)), collect((Collector<SourcedEntry> out) -> new LogRecordSchema().deserialize(read, out)));
    }

    @Test
    void aLogValueThatIsNoEntryStopsTheReadNamingWhereItLies() {
        ConsumerRecord<byte[], byte[]> read = new ConsumerRecord<>("kt.log", 2, 41, null, "{\"not\": \"an entry\"}".getBytes(StandardCharsets.UTF_8));
        IOException e = assertThrows(IOException.class, () -> collect((Collector<SourcedEntry> out) -> new LogRecordSchema().deserialize(read, out)));
        assertTrue(e.getMessage().startsWith("kt.log-2 at offset 41: "), e.getMessage());
    }

    @Test
    void anIngestRecordCarriesItsKindHeaderValueAndTimestamp() throws IOException {
        byte[] json = "{\"events\": []}".getBytes(StandardCharsets.UTF_8);
        ConsumerRecord<byte[], byte[]> withKind = new ConsumerRecord<>("kt.ingest", 0, 0, 1_234L,
                org.apache.kafka.common.record.TimestampType.CREATE_TIME, 0, json.length, null, json,
                new org.apache.kafka.common.header.internals.RecordHeaders().add(Topics.KIND_HEADER, "event".getBytes(StandardCharsets.UTF_8)),
                java.util.Optional.empty());
        Tuple3<String, byte[], Long> r = collect((Collector<Tuple3<String, byte[], Long>> out) -> new IngestRecordSchema().deserialize(withKind, out)).get(0);
        assertEquals("event", r.f0);
        assertArrayEquals(json, r.f1);
        assertEquals(1_234L, r.f2);
        ConsumerRecord<byte[], byte[]> bare = new ConsumerRecord<>("kt.ingest", 0, 1, null, null);
        Tuple3<String, byte[], Long> b = collect((Collector<Tuple3<String, byte[], Long>> out) -> new IngestRecordSchema().deserialize(bare, out)).get(0);
        assertNull(b.f0, "no header: the body says what it holds");
        assertEquals(0, b.f1.length, "a null value reaches the reading as an empty body, which it refuses");
    }

    @Test
    void aRefusalIsWrittenAsTheServersWriteTheirs() {
        LogEntry refused = new LogEntry.QuarantineEntry(0, 1_700_000_000_999L,
                new Rejected("event", 1, "k-bad", List.of(new FieldError("type", "unknown event type")), "{\"id\": \"k-bad\"}"));
        ProducerRecord<byte[], byte[]> r = new QuarantineRecordSchema("kt").serialize(refused, null, null);
        ProducerRecord<byte[], byte[]> servers = new LogRecords(new Topics("kt")).of(refused);
        assertEquals("kt.quarantine", r.topic());
        assertEquals("k-bad", new String(r.key(), StandardCharsets.UTF_8));
        assertArrayEquals(servers.value(), r.value());
        assertEquals(1_700_000_000_999L, r.timestamp());
        assertEquals(refused, dev.flywheel.kafka.LogEntryDeserializer.decode(r.value()));
    }
}
