package dev.flywheel.flink.sink;

import dev.flywheel.config.ConfigException;
import dev.flywheel.flink.JobPlugin;
import dev.flywheel.flink.Tables;
import dev.flywheel.store.postgres.PostgresSettings;
import java.util.Map;
import java.util.Set;

/**
 * {@code --tables postgres}: the job's rows in PostgreSQL ({@link PostgresTables}), with the options
 * {@code --set postgres.url=jdbc:postgresql://...} (required) and {@code --set postgres.schema=...}
 * (default {@code flywheel}), the settings the servers of the distributed shape use.
 */
public final class PostgresPlugin implements JobPlugin {
    private static final Set<String> KEYS = Set.of("url", "schema");

    @Override
    public String name() {
        return "postgres";
    }

    @Override
    public Tables tables(Map<String, String> options) {
        for (String key : options.keySet()) {
            if (!KEYS.contains(key)) throw new ConfigException("postgres." + key, "unknown option; known: postgres.url, postgres.schema");
        }
        String schema = options.getOrDefault("schema", PostgresSettings.DEFAULT_SCHEMA);
        return new PostgresTables(new PostgresSettings(options.get("url"), schema, PostgresTables.POOL_SIZE));
    }
}
