package dev.flywheel.cli;

import dev.flywheel.cli.engine.AdminKey;
import dev.flywheel.cli.engine.DistributedSettings;
import dev.flywheel.cli.engine.Engine;
import dev.flywheel.store.postgres.PostgresServingState;
import dev.flywheel.cli.engine.ServingEngine;
import dev.flywheel.config.ConfigException;
import dev.flywheel.config.Deployment;
import dev.flywheel.config.FlywheelConfig;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code flywheel serve}: run the engine until stopped. Embedded (the default): the whole engine on
 * {@code --data}. Distributed: a server over Kafka and PostgreSQL that decides from the state the
 * Flink job publishes; {@code --data} then holds only local files (the first admin key) and is
 * optional.
 */
@Command(name = "serve", mixinStandardHelpOptions = true, description = "Run the engine and its HTTP API.")
public final class ServeCommand implements Runnable {
    @Option(names = "--data", description = "data directory (created if missing); in distributed mode only where the first admin key is written")
    Path data;

    @Option(names = "--port", description = "port to listen on (default: server.port of the config, 8080)")
    Integer port;

    @Option(names = "--config", description = "flywheel.yaml")
    Path config;

    @Option(names = "--mode", description = "embedded or distributed (default: mode of the config, embedded)")
    String mode;

    @Option(names = "--kafka", description = "Kafka bootstrap servers HOST:PORT[,HOST:PORT...] (overrides kafka.bootstrap)")
    String kafka;

    @Option(names = "--postgres", description = "PostgreSQL JDBC URL (overrides postgres.url)")
    String postgres;

    @Override
    public void run() {
        FlywheelConfig cfg = configured();
        DistributedSettings distributed = distributed(cfg.deployment());
        AutoCloseable running;
        int bound;
        Path adminKey;
        if (distributed == null) {
            if (data == null) throw new ConfigException("--data", "is required in embedded mode");
            Engine engine = Engine.open(data, cfg, Clock.systemUTC(), System.getenv(AdminKey.ENV));
            running = engine;
            bound = engine.start();
            adminKey = engine.adminKeyFile();
        } else {
            ServingEngine engine = ServingEngine.open(cfg, distributed, data, Clock.systemUTC(), System.getenv(AdminKey.ENV),
                    PostgresServingState::new);
            running = engine;
            bound = engine.start();
            adminKey = engine.adminKeyFile();
        }
        awaitStop(running, cfg, bound, adminKey, distributed != null);
    }

    /** The config file with the command line's overrides. */
    FlywheelConfig configured() {
        FlywheelConfig cfg = ConfigFiles.load(config);
        if (port != null) cfg = cfg.withPort(port);
        Deployment d = cfg.deployment();
        if (mode != null) d = d.withMode(Deployment.mode("--mode", mode));
        if (kafka != null) {
            if (kafka.isBlank()) throw new ConfigException("--kafka", "must be HOST:PORT[,HOST:PORT...], got an empty value");
            d = d.withKafka("bootstrap", kafka);
        }
        if (postgres != null) {
            if (postgres.isBlank()) throw new ConfigException("--postgres", "must be a JDBC URL (jdbc:postgresql://...), got an empty value");
            d = d.withPostgres("url", postgres);
        }
        return cfg.withDeployment(d);
    }

    /**
     * The deployment's settings, null in embedded mode; a bad value set on the command line is
     * reported under its option as well as its key.
     */
    private DistributedSettings distributed(Deployment d) {
        try {
            return DistributedSettings.of(d);
        } catch (ConfigException e) {
            String option = e.key().startsWith("kafka.") && kafka != null ? "--kafka"
                    : e.key().startsWith("postgres.") && postgres != null ? "--postgres" : null;
            if (option == null) throw e;
            throw new ConfigException(option + " (" + e.key() + ")", e.getMessage().substring(e.key().length() + 2));
        }
    }

    private void awaitStop(AutoCloseable running, FlywheelConfig cfg, int bound, Path adminKey, boolean distributed) {
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                running.close();
            } catch (Exception e) {
                System.err.println("flywheel: stopping failed: " + e.getMessage());
            }
            stopped.countDown();
        }, "flywheel-shutdown"));
        System.err.printf("flywheel: listening on http://%s:%d (%s)%n", cfg.server().host(), bound,
                distributed ? "distributed: Kafka and PostgreSQL" : "data: " + data.toAbsolutePath());
        if (adminKey != null) System.err.println("flywheel: created the admin key in " + adminKey + " (mode 600)");
        System.out.println("ready port=" + bound);
        System.out.flush();
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
