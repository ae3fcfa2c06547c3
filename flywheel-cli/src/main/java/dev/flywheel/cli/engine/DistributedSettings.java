package dev.flywheel.cli.engine;

import dev.flywheel.config.ConfigException;
import dev.flywheel.config.Deployment;
import dev.flywheel.kafka.KafkaSettings;
import dev.flywheel.store.postgres.PostgresSettings;

/**
 * The distributed shape's typed settings, read by each adapter from its own section of the config
 * ({@code kafka:}, {@code postgres:}).
 */
public record DistributedSettings(KafkaSettings kafka, PostgresSettings postgres) {
    /**
     * Validates the sections that are present, whatever the mode (a typo stops an embedded start as
     * well, rather than waiting for the day the instance moves), and returns the settings in
     * distributed mode, where both are required; null in embedded mode.
     */
    public static DistributedSettings of(Deployment d) {
        KafkaSettings kafka = d.kafka().isEmpty() ? null : KafkaSettings.from(d.kafkaSection());
        PostgresSettings postgres = d.postgres().isEmpty() ? null : PostgresSettings.from(d.postgresSection());
        if (d.mode() == Deployment.Mode.EMBEDDED) return null;
        if (kafka == null) throw new ConfigException("kafka.bootstrap", "is required in distributed mode (or --kafka HOST:PORT)");
        if (postgres == null) throw new ConfigException("postgres.url", "is required in distributed mode (or --postgres JDBC_URL)");
        return new DistributedSettings(kafka, postgres);
    }
}
