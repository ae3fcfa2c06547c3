package dev.flywheel.kafka;

import dev.flywheel.log.Bytes;
import dev.flywheel.log.LogCodec;
import dev.flywheel.log.LogEntry;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * How a log entry becomes a Kafka record: events and decisions go to {@code <p>.log} keyed by their
 * user (one user's entries stay in one partition, in order), items to {@code <p>.log} keyed by item
 * id, refused input to {@code <p>.quarantine} keyed by the id it claimed (or none). The value is the
 * entry in the log's binary form ({@link LogCodec}), the record's timestamp when it was received.
 * Not thread-safe: one encoding buffer per instance.
 */
public final class LogRecords {
    private final Topics topics;
    private final Bytes buf = new Bytes(4_096);

    public LogRecords(Topics topics) {
        this.topics = topics;
    }

    public ProducerRecord<byte[], byte[]> of(LogEntry e) {
        buf.reset();
        LogCodec.encode(e, buf);
        byte[] value = Arrays.copyOf(buf.array(), buf.length());
        String topic = e instanceof LogEntry.QuarantineEntry ? topics.quarantine() : topics.log();
        return new ProducerRecord<>(topic, null, e.receivedMillis(), key(e), value);
    }

    /** The key a record of {@code e} is partitioned by, UTF-8; null for refused input that claimed no id. */
    public static byte[] key(LogEntry e) {
        String k;
        if (e instanceof LogEntry.EventEntry x) k = x.event().user();
        else if (e instanceof LogEntry.DecisionEntry x) k = x.decision().user();
        else if (e instanceof LogEntry.ItemEntry x) k = x.item().id();
        else k = ((LogEntry.QuarantineEntry) e).rejected().recordId();
        return k == null ? null : k.getBytes(StandardCharsets.UTF_8);
    }
}
