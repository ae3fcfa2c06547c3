package dev.flywheel.cli.stack;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.flywheel.cli.stack.internal.LocalJob;
import dev.flywheel.kafka.KafkaSettings;
import dev.flywheel.kafka.LocalKafka;
import dev.flywheel.kafka.Topics;
import dev.flywheel.store.postgres.LocalPostgres;
import dev.flywheel.store.postgres.PostgresSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The distributed shape's moving parts in this JVM, for the demo and tests: a Kafka broker
 * ({@link LocalKafka}), a PostgreSQL server (the zonky binaries) and the Flink job on a MiniCluster,
 * started by the job's own main with the arguments {@code flink run} takes ({@code --source kafka
 * --tables postgres,parquet}), so it is the pipeline a cluster runs. Servers are not part of it: they
 * connect with {@link #config()}. {@link #close} stops the job, then PostgreSQL, then the broker; a
 * shutdown hook does the same on Ctrl-C.
 */
public final class DistributedStack implements AutoCloseable {
    private static final String SCHEMA = "flywheel";
    private final Path dir;
    private final StackOptions options;
    private final List<AutoCloseable> started = new ArrayList<>();
    private final Thread hook = new Thread(this::stop, "flywheel-stack-stop");
    private final List<Runnable> afterStop = new ArrayList<>();
    private KafkaSettings kafka;
    private PostgresSettings postgres;
    private Map<String, Object> config;
    private LocalJob job;
    private boolean closed;

    private DistributedStack(Path dir, StackOptions options) {
        this.dir = dir;
        this.options = options;
    }

    /**
     * Starts the broker, creates the topics, starts PostgreSQL and the job, and returns once the job runs.
     *
     * @param dir          where every part keeps its files (broker log, database, checkpoints, history)
     * @param engineConfig the engine's configuration as {@code flywheel.yaml} would hold it (loops, server);
     *                     its {@code mode}, {@code kafka} and {@code postgres} sections are this stack's
     */
    public static DistributedStack start(Path dir, Map<String, Object> engineConfig, StackOptions options) {
        DistributedStack s = new DistributedStack(dir, options);
        Runtime.getRuntime().addShutdownHook(s.hook);
        try {
            s.startParts(engineConfig);
        } catch (RuntimeException e) {
            s.close();
            throw e;
        }
        return s;
    }

    private void startParts(Map<String, Object> engineConfig) {
        LocalKafka broker = remember(LocalKafka.start(dir.resolve("kafka")));
        kafka = KafkaSettings.of(broker.bootstrap()).withPartitions(options.partitions());
        Topics.ensure(kafka); // the job reads the topics but does not create them: the first server would
        postgres = remember(LocalPostgres.start(dir.resolve("postgres"))).settings(SCHEMA);
        config = new LinkedHashMap<>(engineConfig);
        config.put("mode", "distributed");
        config.put("kafka", Map.of("bootstrap", kafka.bootstrap(), "partitions", kafka.partitions()));
        config.put("postgres", Map.of("url", postgres.url(), "schema", postgres.schema()));
        job = remember(LocalJob.start(jobArguments(write(dir.resolve("flywheel.yaml"), config)), dir.resolve("checkpoints")));
    }

    /** What {@code flink run flywheel-flink-job.jar} would be given (docs/flink-job.md, "Running it"). */
    private List<String> jobArguments(Path configFile) {
        return List.of("--config", configFile.toString(), "--source", "kafka", "--tables", "postgres,parquet",
                "--set", "kafka.bootstrap=" + kafka.bootstrap(), "--set", "postgres.url=" + postgres.url(),
                "--set", "postgres.schema=" + postgres.schema(), "--set", "parquet.dir=" + history(),
                "--flink", "checkpoint_interval=" + options.checkpointInterval().toMillis() + "ms",
                "--flink", "flush_interval=" + options.flushInterval().toMillis() + "ms",
                "--flink", "feature_flush=" + options.featureFlush().toMillis() + "ms",
                "--flink", "quiet=" + options.quiet().toMillis() + "ms");
    }

    private <T extends AutoCloseable> T remember(T part) {
        started.add(0, part);
        return part;
    }

    private static Path write(Path file, Map<String, Object> config) {
        try {
            Files.createDirectories(file.getParent());
            return Files.writeString(file, new ObjectMapper(new YAMLFactory()).writeValueAsString(config));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    /** The broker's settings, as servers and the job use them. */
    public KafkaSettings kafka() {
        return kafka;
    }

    /** The schema the job writes and servers read. */
    public PostgresSettings postgres() {
        return postgres;
    }

    /** The engine's configuration with {@code mode: distributed} and this stack's {@code kafka} and {@code postgres}. */
    public Map<String, Object> config() {
        return Map.copyOf(config);
    }

    /** Where the job writes the applied entries as Parquet (the history). */
    public Path history() {
        return dir.resolve("history");
    }

    /** Throws what stopped the job, if it stopped (it is not meant to end). */
    public void checkJob() {
        job.check();
    }

    /**
     * Runs {@code r} once the parts have stopped, whether by {@link #close} or on Ctrl-C (e.g. to delete
     * a temporary directory, which the caller's own cleanup would not reach when the JVM is interrupted).
     */
    public synchronized void afterStop(Runnable r) {
        afterStop.add(r);
    }

    /** Stops the job, PostgreSQL and the broker, in that order; their files stay in the directory. */
    @Override
    public void close() {
        stop();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // the JVM is shutting down: the hook runs (or ran) stop(), which does nothing twice
        }
    }

    private synchronized void stop() {
        if (closed) return;
        closed = true;
        RuntimeException first = null;
        for (AutoCloseable part : started) {
            try {
                part.close();
            } catch (Exception e) {
                if (first == null) first = new IllegalStateException("stopping " + part.getClass().getSimpleName() + ": " + e.getMessage(), e);
            }
        }
        afterStop.forEach(Runnable::run);
        if (first != null) throw first;
    }
}
