package dev.flywheel.flink;

import dev.flywheel.store.postgres.PostgresSettings;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.atomic.AtomicInteger;

/** One real PostgreSQL (the zonky binaries) for the test run, a schema of its own per use. */
public final class LocalPostgres {
    private static final AtomicInteger SCHEMAS = new AtomicInteger();
    private static EmbeddedPostgres server;

    private LocalPostgres() { }

    public static synchronized PostgresSettings freshSchema() {
        if (server == null) {
            try {
                server = EmbeddedPostgres.builder().start();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot start the embedded PostgreSQL", e);
            }
            EmbeddedPostgres started = server;
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    started.close();
                } catch (IOException ignored) {
                    // the JVM is going away
                }
            }));
        }
        return new PostgresSettings(server.getJdbcUrl("postgres", "postgres"), "f" + SCHEMAS.incrementAndGet(), 2);
    }
}
