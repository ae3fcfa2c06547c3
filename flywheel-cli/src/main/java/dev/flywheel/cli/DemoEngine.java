package dev.flywheel.cli;

import dev.flywheel.cli.engine.DistributedSettings;
import dev.flywheel.cli.engine.Engine;
import dev.flywheel.cli.engine.ServingEngine;
import dev.flywheel.cli.stack.DistributedStack;
import dev.flywheel.cli.stack.StackOptions;
import dev.flywheel.config.FlywheelConfig;
import dev.flywheel.store.postgres.PostgresServingState;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;

/**
 * What the demo's simulated users talk to over HTTP: the embedded engine, or a server of the
 * distributed shape in front of the stack (a Kafka broker, the Flink job, PostgreSQL) in this JVM.
 * Either way the same configuration, the same clock and the same API.
 */
interface DemoEngine extends AutoCloseable {
    /** The API's address, ending in {@code /}. */
    URI base();

    /** The admin key the engine wrote at its start. */
    String adminKey();

    /** Where the engine keeps its files, for the user. */
    String where();

    @Override
    void close();

    /** The embedded engine on {@code dir}: one process, its file log, its own stream operators. */
    static DemoEngine embedded(Path dir, Map<String, Object> config, Clock clock) {
        Engine engine = Engine.open(dir, FlywheelConfig.from(config), clock, null);
        try {
            int port = engine.start();
            return new Started(URI.create("http://127.0.0.1:" + port + "/"), read(engine.adminKeyFile()), "data in " + dir, engine);
        } catch (RuntimeException e) {
            engine.close();
            throw e;
        }
    }

    /**
     * The distributed shape in this JVM: the stack started in {@code dir}/stack with the job tuned to
     * answer a decide soon after the feedback before it (see {@link #STACK}), and a distributed server
     * on {@code dir}/server in front of it. A {@code temporary} directory is deleted once the stack
     * stopped, on Ctrl-C too (the broker's log and the checkpoints would otherwise stay behind).
     */
    static DemoEngine distributed(Path dir, Map<String, Object> config, Clock clock, boolean temporary) {
        DistributedStack stack = DistributedStack.start(dir.resolve("stack"), config, STACK);
        if (temporary) stack.afterStop(() -> TempDirs.deleteQuietly(dir));
        try {
            Map<String, Object> served = new java.util.LinkedHashMap<>(stack.config());
            served.putIfAbsent("feature_cache", SERVER_CACHE);
            FlywheelConfig cfg = FlywheelConfig.from(served);
            ServingEngine server = ServingEngine.open(cfg, DistributedSettings.of(cfg.deployment()), dir.resolve("server"), clock, null,
                    PostgresServingState::new);
            AutoCloseable parts = () -> {
                try (stack) {
                    server.close();
                }
            };
            try {
                int port = server.start();
                return new Started(URI.create("http://127.0.0.1:" + port + "/"), read(server.adminKeyFile()),
                        "Kafka " + stack.kafka().bootstrap() + ", PostgreSQL " + stack.postgres().where() + ", files in " + dir, parts);
            } catch (RuntimeException e) {
                server.close();
                throw e;
            }
        } catch (RuntimeException e) {
            stack.close();
            throw e;
        }
    }

    /**
     * The demo waits before every decide until the job has applied the feedback sent before it
     * ({@code decide_max_lag 0}), and users take turns: each decide waits about one publication of the
     * job's serving state, so the job publishes far more often than its default (500 ms).
     */
    StackOptions STACK = StackOptions.defaults().withFeatureFlush(Duration.ofMillis(20)).withFlushInterval(Duration.ofMillis(20));

    /**
     * The server's caches of that state ({@code feature_cache}) kept as long as a publication: with the
     * default second a decide read item counts, the ranker's weights and the collaborative models up to
     * a second old, tens of users' feedback behind what the embedded engine reads, its own state.
     */
    Map<String, Object> SERVER_CACHE = Map.of("ttl", "20ms");

    private static String read(Path p) {
        try {
            return Files.readString(p).trim();
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + p, e);
        }
    }

    /** A started engine and what closes it. */
    record Started(URI base, String adminKey, String where, AutoCloseable parts) implements DemoEngine {
        @Override
        public void close() {
            try {
                parts.close();
            } catch (RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new IllegalStateException("stopping the demo's engine: " + e.getMessage(), e);
            }
        }
    }
}
