package dev.flywheel.cli;

import dev.flywheel.cli.engine.AdminKey;
import dev.flywheel.cli.engine.Engine;
import dev.flywheel.config.FlywheelConfig;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code flywheel serve}: run the engine until stopped. */
@Command(name = "serve", mixinStandardHelpOptions = true, description = "Run the engine and its HTTP API.")
public final class ServeCommand implements Runnable {
    @Option(names = "--data", required = true, description = "data directory (created if missing)")
    Path data;

    @Option(names = "--port", description = "port to listen on (default: server.port of the config, 8080)")
    Integer port;

    @Option(names = "--config", description = "flywheel.yaml")
    Path config;

    @Override
    public void run() {
        FlywheelConfig cfg = ConfigFiles.load(config);
        if (port != null) cfg = cfg.withPort(port);
        Engine engine = Engine.open(data, cfg, Clock.systemUTC(), System.getenv(AdminKey.ENV));
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            engine.close();
            stopped.countDown();
        }, "flywheel-shutdown"));
        int bound = engine.start();
        System.err.printf("flywheel: listening on http://%s:%d (data: %s)%n", cfg.server().host(), bound, data.toAbsolutePath());
        if (engine.adminKeyFile() != null) {
            System.err.println("flywheel: created the admin key in " + engine.adminKeyFile() + " (mode 600)");
        }
        System.out.println("ready port=" + bound);
        System.out.flush();
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
