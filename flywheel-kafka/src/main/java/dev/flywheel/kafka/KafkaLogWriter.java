package dev.flywheel.kafka;

import dev.flywheel.log.LogAppender;
import dev.flywheel.log.LogEntry;
import dev.flywheel.log.LogException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.RecordMetadata;

/**
 * The ingest path's log in the distributed shape: appends a group of entries to the topics
 * ({@link LogRecords}) with the idempotent {@code acks=all} producer and returns only when the
 * brokers acknowledged every record of it. Its seqs number this writer's entries since it opened;
 * a record's position is its partition and offset, so it offers no reader.
 *
 * <p>An append not acknowledged within {@code kafka.delivery_timeout} fails. A failed append throws and nothing of it counts; some of its records may still have reached
 * the brokers, and a client retrying them makes duplicates that the Flink job drops by id. After a
 * failure the producer is replaced, so an error that would stick to it (an expired batch, a fenced
 * producer id) cannot fail every later append.
 */
public final class KafkaLogWriter implements LogAppender {
    private final KafkaSettings settings;
    private final LogRecords records;
    /**
     * Bounds an append by {@code kafka.delivery_timeout}: a new idempotent producer whose brokers are
     * down waits for a producer id before it expires any batch, so its flush never returned
     * (KafkaBrokerDownTest). Closing it at the deadline aborts its batches and ends the flush.
     */
    private final ScheduledExecutorService watchdog = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "flywheel-kafka-append-deadline");
        t.setDaemon(true);
        return t;
    });
    private KafkaProducer<byte[], byte[]> producer;
    private volatile long nextSeq;
    private final AcknowledgedOffsets acknowledged = new AcknowledgedOffsets();

    private KafkaLogWriter(KafkaSettings settings) {
        this.settings = settings;
        this.records = new LogRecords(settings.topics());
        this.producer = new KafkaProducer<>(settings.producerProperties());
    }

    /** Creates the topics that are absent (or checks them), then connects the producer. */
    public static KafkaLogWriter open(KafkaSettings settings) {
        Topics.ensure(settings);
        return new KafkaLogWriter(settings);
    }

    @Override
    public synchronized void append(List<LogEntry> entries) {
        long seq = nextSeq;
        for (LogEntry e : entries) {
            if (e.seq() != seq++) throw new LogException("entry seq " + e.seq() + " does not continue the writer's seq " + (seq - 1));
        }
        if (producer == null) producer = new KafkaProducer<>(settings.producerProperties());
        Map<Integer, Long> offsets = new ConcurrentHashMap<>();
        Exception failed = sendAll(entries, offsets);
        if (failed != null) {
            discardProducer();
            throw new LogException("Kafka did not acknowledge the append (kafka.bootstrap " + settings.bootstrap() + "): " + failed, failed);
        }
        acknowledged.acknowledged(seq - 1, offsets);
        nextSeq = seq;
    }

    /** Where this writer's acknowledged appends sit in the log topic (what a decide waits for the operators to apply). */
    public AcknowledgedOffsets acknowledged() {
        return acknowledged;
    }

    /** Sends and flushes the group, noting each log record's partition and offset; the first failure of any record, or null when the brokers acknowledged all. */
    private Exception sendAll(List<LogEntry> entries, Map<Integer, Long> offsets) {
        AtomicReference<Exception> failure = new AtomicReference<>();
        String logTopic = settings.topics().log();
        Callback callback = (RecordMetadata m, Exception e) -> {
            if (e != null) failure.compareAndSet(null, e);
            else if (m.topic().equals(logTopic) && m.hasOffset()) offsets.merge(m.partition(), m.offset(), Math::max);
        };
        KafkaProducer<byte[], byte[]> p = producer;
        AtomicBoolean expired = new AtomicBoolean();
        ScheduledFuture<?> abort = watchdog.schedule(() -> {
            expired.set(true);
            p.close(Duration.ZERO);
        }, settings.deliveryTimeout().toMillis(), TimeUnit.MILLISECONDS);
        try {
            for (LogEntry e : entries) p.send(records.of(e), callback);
            p.flush(); // a group commit waits for its records: send them now rather than after the linger
        } catch (RuntimeException e) {
            failure.compareAndSet(null, e);
        } finally {
            abort.cancel(false);
        }
        if (expired.get()) producer = null; // closed by the deadline, perhaps just after the flush succeeded
        return failure.get();
    }

    private void discardProducer() {
        if (producer == null) return;
        try {
            producer.close(Duration.ZERO);
        } catch (RuntimeException ignored) {
            // it is being thrown away because it failed
        }
        producer = null;
    }

    @Override
    public long nextSeq() {
        return nextSeq;
    }

    @Override
    public synchronized void close() {
        if (producer != null) producer.close(settings.deliveryTimeout());
        producer = null;
        watchdog.shutdownNow();
    }
}
