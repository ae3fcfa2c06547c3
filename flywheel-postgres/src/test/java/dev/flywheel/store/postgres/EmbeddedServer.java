package dev.flywheel.store.postgres;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.io.UncheckedIOException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One real PostgreSQL server (the zonky binaries) for the whole test run, started at first use and
 * stopped when the JVM exits; each test works in a schema of its own.
 */
final class EmbeddedServer {
    private static final AtomicInteger SCHEMAS = new AtomicInteger();
    private static EmbeddedPostgres server;

    private EmbeddedServer() { }

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
                    // the JVM is going away; the server's directory is under target/
                }
            }));
        }
        return server.getJdbcUrl("postgres", "postgres");
    }

    /**
     * A database of the server created with an English ICU collation as its default, as a server
     * set up with an English locale has (this one's default is C.UTF-8, which sorts by code point).
     */
    static synchronized PostgresSettings englishCollation() {
        String url = url();
        String db = "english";
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            try (ResultSet r = s.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + db + "'")) {
                if (!r.next()) s.execute("CREATE DATABASE " + db + " TEMPLATE template0 LOCALE_PROVIDER icu ICU_LOCALE 'en-US' LOCALE 'C'");
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create the database " + db + ": " + e.getMessage(), e);
        }
        return new PostgresSettings(server.getJdbcUrl("postgres", db), "t" + SCHEMAS.incrementAndGet(), 4);
    }

    /** Settings for another pool on the schema of {@code db}, as a second process would open it. */
    static PostgresSettings settingsOf(PostgresDatabase db) {
        return new PostgresSettings(url(), db.schema(), 4);
    }

    /** Settings for a schema no other test has used. */
    static PostgresSettings freshSchema() {
        return new PostgresSettings(url(), "t" + SCHEMAS.incrementAndGet(), 4);
    }
}
