package dev.flywheel.store.postgres;

import dev.flywheel.config.ConfigException;
import dev.flywheel.config.ConfigTree;

/**
 * Where a Flywheel instance keeps its tables in PostgreSQL: {@code postgres.url}, a JDBC URL that may
 * carry the user and password ({@code jdbc:postgresql://host:5432/db?user=u&password=p});
 * {@code postgres.schema}, the schema that holds this instance's tables, so several instances share
 * one server; {@code postgres.pool_size}, the most connections this process holds.
 */
public record PostgresSettings(String url, String schema, int poolSize) {
    public static final String DEFAULT_SCHEMA = "flywheel";
    public static final int DEFAULT_POOL_SIZE = 8;

    public PostgresSettings {
        if (url == null || !url.startsWith("jdbc:postgresql:")) {
            // not echoed: the URL may carry a password
            throw new ConfigException("postgres.url", "must be a JDBC URL starting with jdbc:postgresql:");
        }
        // the schema name is written into SQL (search_path, CREATE SCHEMA): only plain lower-case identifiers
        if (schema == null || !schema.matches("[a-z_][a-z0-9_]{0,62}")) {
            throw new ConfigException("postgres.schema", "must match [a-z_][a-z0-9_]{0,62}, got '" + schema + "'");
        }
        if (schema.startsWith("pg_")) throw new ConfigException("postgres.schema", "must not start with pg_ (reserved by PostgreSQL)");
        if (poolSize < 1 || poolSize > 1_000) throw new ConfigException("postgres.pool_size", "must be in [1, 1000], got " + poolSize);
    }

    /** Reads the {@code postgres} section; {@code url} is required. */
    public static PostgresSettings from(ConfigTree postgres) {
        postgres.only(java.util.Set.of("url", "schema", "pool_size"));
        String url = postgres.string("url", null);
        if (url == null) throw new ConfigException(postgres.keyOf("url"), "is required (jdbc:postgresql://host:5432/db)");
        return new PostgresSettings(url, postgres.string("schema", DEFAULT_SCHEMA),
                postgres.integer("pool_size", DEFAULT_POOL_SIZE, 1, 1_000));
    }

    /** The default schema and pool size. */
    public static PostgresSettings of(String url) {
        return new PostgresSettings(url, DEFAULT_SCHEMA, DEFAULT_POOL_SIZE);
    }

    /** The URL without its parameters (which may hold the password), for messages. */
    public String where() {
        int q = url.indexOf('?');
        return q < 0 ? url : url.substring(0, q);
    }

    public PostgresSettings withSchema(String s) {
        return new PostgresSettings(url, s, poolSize);
    }

    public PostgresSettings withPoolSize(int n) {
        return new PostgresSettings(url, schema, n);
    }
}
