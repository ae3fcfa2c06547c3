package dev.flywheel.bench;

import dev.flywheel.config.FlywheelConfig;
import dev.flywheel.event.Event;
import dev.flywheel.event.EventTypes;
import dev.flywheel.ingest.Admission;
import dev.flywheel.ingest.IngestBatch;
import dev.flywheel.ingest.IngestPipeline;
import dev.flywheel.kafka.KafkaLogWriter;
import dev.flywheel.kafka.KafkaSettings;
import dev.flywheel.kafka.LogRecords;
import dev.flywheel.kafka.Topics;
import dev.flywheel.log.LogAppender;
import dev.flywheel.log.LogEntry;
import dev.flywheel.json.JsonRecords;
import dev.flywheel.sim.TrafficGenerator;
import dev.flywheel.store.duckdb.DuckDbRecordStore;
import dev.flywheel.store.file.SegmentedFileLog;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.KafkaProducer;

/**
 * Durable batched ingest of the same generated events three ways, in one process: the embedded
 * engine's path (the ingest pipeline's group commit into the segmented file log, synced before
 * each answer), a plain Kafka producer ({@code acks=all}, idempotent) writing the records the Kafka
 * writer writes, and the ingest pipeline over the Kafka writer (the distributed shape's servers).
 * Neither side reads back: no materializer, no consumer.
 */
public final class KafkaIngestBench {
    private KafkaIngestBench() { }

    /** One side's run: events written, wall seconds, process CPU seconds (the broker's included). */
    public record Side(long events, double seconds, double cpuSeconds) {
        public double eventsPerSecond() {
            return events / seconds;
        }

        public double cpuMicrosPerEvent() {
            return cpuSeconds * 1e6 / events;
        }
    }

    /** {@code n} events as the ingest benchmark sends them (about 175 bytes of JSON each), read and admitted as the API does. */
    public static List<Event> events(int n, long seed) {
        TrafficGenerator gen = new TrafficGenerator(seed, 10_000, 1_000, Instant.now().minus(Duration.ofDays(30)));
        Admission admission = new Admission(EventTypes.builtIn(), Clock.systemUTC(), Duration.ofDays(3650));
        List<Event> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) out.add((Event) JsonRecords.event(gen.plainEvent(), admission).record());
        return out;
    }

    /** The embedded engine's durable ingest: the pipeline over a synced segmented file log in {@code dir}. */
    public static Side embedded(List<Event> events, Path dir, int clients, int batch) {
        try (SegmentedFileLog log = new SegmentedFileLog(dir.resolve("log"), true, FlywheelConfig.defaults().log().segmentBytes())) {
            return throughPipeline(events, log, dir, clients, batch);
        }
    }

    /** The distributed servers' ingest: the pipeline over the Kafka writer. */
    public static Side pipelineOnKafka(List<Event> events, KafkaSettings kafka, Path dir, int clients, int batch) {
        try (KafkaLogWriter writer = KafkaLogWriter.open(kafka)) {
            return throughPipeline(events, writer, dir, clients, batch);
        }
    }

    private static Side throughPipeline(List<Event> events, LogAppender log, Path dir, int clients, int batch) {
        try {
            java.nio.file.Files.createDirectories(dir);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        try (DuckDbRecordStore store = new DuckDbRecordStore(dir.resolve("store.duckdb"));
             IngestPipeline pipeline = new IngestPipeline(log, store, Clock.systemUTC(), FlywheelConfig.defaults().ingest())) {
            AtomicInteger next = new AtomicInteger();
            AtomicLong accepted = new AtomicLong();
            long cpu0 = IngestLoad.processCpuNanos();
            long t0 = System.nanoTime();
            List<Thread> threads = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                Thread t = new Thread(() -> {
                    int from;
                    while ((from = next.getAndAdd(batch)) < events.size()) {
                        IngestBatch b = new IngestBatch(events.subList(from, Math.min(events.size(), from + batch)), List.of());
                        accepted.addAndGet(pipeline.submit(b).join().accepted());
                    }
                }, "bench-client-" + c);
                t.start();
                threads.add(t);
            }
            join(threads);
            Side s = new Side(accepted.get(), (System.nanoTime() - t0) / 1e9, (IngestLoad.processCpuNanos() - cpu0) / 1e9);
            if (s.events() != events.size()) throw new IllegalStateException("accepted " + s.events() + " of " + events.size());
            return s;
        }
    }

    /**
     * A plain producer with the writer's settings sending every event as the writer encodes it, from
     * one thread (it is asynchronous), timed until the brokers acknowledged the last record.
     */
    public static Side producer(List<Event> events, KafkaSettings kafka) {
        Topics.ensure(kafka);
        LogRecords records = new LogRecords(kafka.topics());
        AtomicLong acked = new AtomicLong();
        AtomicReference<Exception> failure = new AtomicReference<>();
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(kafka.producerProperties())) {
            long cpu0 = IngestLoad.processCpuNanos();
            long t0 = System.nanoTime();
            long now = System.currentTimeMillis();
            for (int i = 0; i < events.size(); i++) {
                producer.send(records.of(new LogEntry.EventEntry(i, now, events.get(i))), (m, e) -> {
                    if (e != null) failure.compareAndSet(null, e);
                    else acked.incrementAndGet();
                });
            }
            producer.flush();
            Side s = new Side(acked.get(), (System.nanoTime() - t0) / 1e9, (IngestLoad.processCpuNanos() - cpu0) / 1e9);
            if (failure.get() != null) throw new IllegalStateException("the producer failed: " + failure.get(), failure.get());
            return s;
        }
    }

    private static void join(List<Thread> threads) {
        try {
            for (Thread t : threads) t.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
