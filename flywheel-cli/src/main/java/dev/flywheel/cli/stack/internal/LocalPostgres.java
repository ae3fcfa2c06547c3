package dev.flywheel.cli.stack.internal;

import dev.flywheel.store.postgres.PostgresSettings;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/**
 * A real PostgreSQL server (the zonky binaries: a PostgreSQL 15 unpacked and run as a child process)
 * with its data in a directory of the stack. Stopped by {@link #close}; the stack's own shutdown hook
 * does it on Ctrl-C, so the library's hook is off.
 */
public final class LocalPostgres implements AutoCloseable {
    private final EmbeddedPostgres server;

    private LocalPostgres(EmbeddedPostgres server) {
        this.server = server;
    }

    public static LocalPostgres start(Path dataDir) {
        try {
            return new LocalPostgres(EmbeddedPostgres.builder().setDataDirectory(dataDir).setCleanDataDirectory(true)
                    .setRegisterShutdownHook(false).start());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the embedded PostgreSQL in " + dataDir + ": " + e.getMessage(), e);
        }
    }

    /** The settings for {@code schema} of the server's {@code postgres} database. */
    public PostgresSettings settings(String schema) {
        return new PostgresSettings(server.getJdbcUrl("postgres", "postgres"), schema, PostgresSettings.DEFAULT_POOL_SIZE);
    }

    @Override
    public void close() {
        try {
            server.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot stop the embedded PostgreSQL: " + e.getMessage(), e);
        }
    }
}
