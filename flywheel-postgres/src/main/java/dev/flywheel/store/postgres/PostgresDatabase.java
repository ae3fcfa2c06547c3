package dev.flywheel.store.postgres;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.flywheel.log.LogException;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * One Flywheel instance's schema on a PostgreSQL server, behind a pool of connections whose
 * {@code search_path} is that schema. Opening creates the schema and brings its tables up to date
 * ({@link Migrations}); every adapter of this package works on a database opened here and shares
 * its pool. Closing it closes the pool; the adapters do not own it.
 */
public final class PostgresDatabase implements AutoCloseable {
    private final PostgresSettings settings;
    private final HikariDataSource pool;

    private PostgresDatabase(PostgresSettings settings, HikariDataSource pool) {
        this.settings = settings;
        this.pool = pool;
    }

    /** Connects, creates the schema when absent and applies the migrations it lacks. */
    public static PostgresDatabase open(PostgresSettings settings) {
        HikariDataSource pool;
        try {
            pool = new HikariDataSource(config(settings));
        } catch (RuntimeException e) {
            throw new LogException("cannot connect to PostgreSQL at " + settings.where() + ": " + rootMessage(e), e);
        }
        PostgresDatabase db = new PostgresDatabase(settings, pool);
        try {
            db.transaction("migrate schema " + settings.schema(), c -> {
                Migrations.apply(c, settings.schema());
                return null;
            });
        } catch (RuntimeException e) {
            pool.close();
            throw e;
        }
        return db;
    }

    private static HikariConfig config(PostgresSettings s) {
        HikariConfig c = new HikariConfig();
        c.setJdbcUrl(s.url());
        c.setSchema(s.schema());
        c.setMaximumPoolSize(s.poolSize());
        c.setMinimumIdle(Math.min(2, s.poolSize()));
        c.setPoolName("flywheel-" + s.schema());
        // many rows per round trip: pgjdbc folds a batch of single-row INSERTs into multi-row ones
        c.addDataSourceProperty("reWriteBatchedInserts", "true");
        c.addDataSourceProperty("ApplicationName", "flywheel");
        return c;
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null) t = t.getCause();
        return t.getMessage();
    }

    public String schema() {
        return settings.schema();
    }

    /** A pooled connection on this schema, in auto-commit mode; the caller closes it. */
    public Connection connect() throws SQLException {
        return pool.getConnection();
    }

    /** SQL work on one connection. */
    @FunctionalInterface
    interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    /**
     * Runs {@code work} in one transaction: committed when it returns, rolled back when it throws.
     * An SQL failure becomes a {@link LogException} saying what could not be done ({@code what});
     * other exceptions (a refused argument) pass through unchanged after the rollback.
     */
    <T> T transaction(String what, Work<T> work) {
        try (Connection c = pool.getConnection()) {
            c.setAutoCommit(false);
            try {
                T out = work.run(c);
                c.commit();
                return out;
            } catch (SQLException | RuntimeException e) {
                rollback(c);
                throw e;
            }
        } catch (SQLException e) {
            throw new LogException("cannot " + what + ": " + serverMessage(e), e);
        }
    }

    /**
     * The server's own words. A failed batch's message quotes every statement of the batch with its
     * values (megabytes, and the rows' contents); the server's error is the next exception.
     */
    static String serverMessage(SQLException e) {
        SQLException cause = e instanceof java.sql.BatchUpdateException && e.getNextException() != null ? e.getNextException() : e;
        return cause.getMessage();
    }

    /** Runs read-only {@code work} in auto-commit mode. */
    <T> T read(String what, Work<T> work) {
        try (Connection c = pool.getConnection()) {
            return work.run(c);
        } catch (SQLException e) {
            throw new LogException("cannot " + what + ": " + serverMessage(e), e);
        }
    }

    private static void rollback(Connection c) {
        try {
            c.rollback();
        } catch (SQLException ignored) {
            // the connection is broken; the pool drops it and the server has ended the transaction
        }
    }

    @Override
    public void close() {
        pool.close();
    }
}
