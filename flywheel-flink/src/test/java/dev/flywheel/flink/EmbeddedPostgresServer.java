package dev.flywheel.flink;

import dev.flywheel.store.postgres.PostgresSettings;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.atomic.AtomicInteger;

/** One real PostgreSQL server (the zonky binaries) for the test run, started at first use; a schema per test. */
final class EmbeddedPostgresServer {
    private static final AtomicInteger SCHEMAS = new AtomicInteger();
    private static EmbeddedPostgres server;

    private EmbeddedPostgresServer() { }

    static synchronized String url() {
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
        return server.getJdbcUrl("postgres", "postgres");
    }

    /** A schema no other test has used. */
    static PostgresSettings freshSchema(String prefix) {
        return new PostgresSettings(url(), prefix + SCHEMAS.incrementAndGet(), 2);
    }
}
