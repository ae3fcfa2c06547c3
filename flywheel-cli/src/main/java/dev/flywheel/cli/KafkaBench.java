package dev.flywheel.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.flywheel.bench.KafkaIngestBench;
import dev.flywheel.event.Event;
import dev.flywheel.kafka.KafkaSettings;
import dev.flywheel.kafka.LocalKafka;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code flywheel bench kafka}: the embedded engine's durable batched ingest against a Kafka producer
 * ({@code acks=all}, idempotent) writing to a single broker in this JVM, on the same generated
 * events in one run; then the ingest pipeline over the Kafka writer, as the distributed shape's
 * servers run it. Each side is warmed up on a prefix of the events first.
 */
@Command(name = "kafka", mixinStandardHelpOptions = true,
        description = "Durable batched ingest (file log, fsync) against a Kafka producer (acks=all, idempotent) on a local broker.")
final class KafkaBench implements Runnable {
    /**
     * Kafka's own default: the producer is handed every record at once and holds up to its buffer
     * (32 MB, ~140k records); at 10 s, records waited out the deadline in the buffer on a loaded machine.
     */
    private static final Duration DELIVERY = Duration.ofMinutes(2);
    @Option(names = "--events", defaultValue = "2000000", description = "events written by each side") int events;
    @Option(names = "--warmup", defaultValue = "300000", description = "events of the warm-up of each side") int warmup;
    @Option(names = "--clients", defaultValue = "8", description = "threads submitting batches to the ingest pipeline") int clients;
    @Option(names = "--batch-size", defaultValue = "1000", description = "events per submitted batch") int batchSize;
    @Option(names = "--partitions", defaultValue = "6", description = "partitions of each topic") int partitions;
    @Option(names = "--linger-ms", defaultValue = "5", description = "the producer's linger (kafka.linger)") int lingerMs;
    @Option(names = "--compression", defaultValue = "none", description = "the producer's compression (kafka.compression)") String compression;
    @Option(names = "--seed", defaultValue = "3", description = "seed of the generated events") long seed;
    @Option(names = "--no-pipeline", description = "skip the ingest pipeline over the Kafka writer") boolean noPipeline;
    @Option(names = "--json", description = "print JSON") boolean json;

    @Override
    public void run() {
        Path dir = TempDirs.create("flywheel-bench-kafka");
        try (LocalKafka kafka = LocalKafka.start(dir.resolve("kafka"))) {
            System.err.printf("generating %,d events...%n", events);
            List<Event> all = KafkaIngestBench.events(events, seed);
            List<Event> warm = all.subList(0, Math.min(warmup, all.size()));
            KafkaSettings d = KafkaSettings.of(kafka.bootstrap());
            KafkaSettings settings = new KafkaSettings(d.bootstrap(), d.topicPrefix(), partitions, d.replicationFactor(),
                    Duration.ofMillis(lingerMs), d.batchBytes(), DELIVERY, compression);
            System.err.println("warming up...");
            KafkaIngestBench.embedded(warm, dir.resolve("warm-embedded"), clients, batchSize);
            KafkaIngestBench.producer(warm, settings.withTopicPrefix("warm"));
            System.err.println("embedded: pipeline over the synced file log...");
            KafkaIngestBench.Side embedded = KafkaIngestBench.embedded(all, dir.resolve("embedded"), clients, batchSize);
            System.err.println("kafka producer...");
            KafkaIngestBench.Side producer = KafkaIngestBench.producer(all, settings.withTopicPrefix("producer"));
            ObjectNode out = new ObjectMapper().createObjectNode().put("events", events).put("clients", clients)
                    .put("batch_size", batchSize).put("partitions", partitions).put("linger_ms", lingerMs).put("compression", compression).put("cores", Runtime.getRuntime().availableProcessors());
            put(out.putObject("embedded_file_log_fsync"), embedded);
            put(out.putObject("kafka_producer_acks_all_idempotent"), producer);
            out.put("ratio_embedded_to_producer", Math.round(embedded.eventsPerSecond() / producer.eventsPerSecond() * 100) / 100.0);
            if (!noPipeline) {
                System.err.println("pipeline over the Kafka writer...");
                KafkaIngestBench.Side onKafka = KafkaIngestBench.pipelineOnKafka(all, settings.withTopicPrefix("pipeline"),
                        dir.resolve("pipeline"), clients, batchSize);
                put(out.putObject("pipeline_on_kafka_writer"), onKafka);
            }
            System.out.println(json ? out.toString() : out.toPrettyString());
        } finally {
            TempDirs.deleteQuietly(dir);
        }
    }

    private static void put(ObjectNode o, KafkaIngestBench.Side s) {
        o.put("events", s.events()).put("seconds", Math.round(s.seconds() * 1000) / 1000.0)
                .put("events_per_second", Math.round(s.eventsPerSecond()))
                .put("cpu_us_per_event", Math.round(s.cpuMicrosPerEvent() * 100) / 100.0);
    }
}
