package dev.flywheel.config;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Which shape this instance runs in ({@code mode: embedded | distributed}) and the sections of the
 * distributed shape's adapters, {@code kafka:} and {@code postgres:}. The core holds those sections as
 * parsed and does not type them: it depends on no adapter, so each adapter module reads its own
 * section ({@code KafkaSettings.from}, {@code PostgresSettings.from}) and the command that starts an
 * instance validates both before anything opens, so a typo in either stops every start, embedded too.
 *
 * @param kafka    the {@code kafka:} section as parsed (empty when absent)
 * @param postgres the {@code postgres:} section as parsed (empty when absent)
 */
public record Deployment(Mode mode, Map<String, Object> kafka, Map<String, Object> postgres) {
    /** The two shapes of DESIGN.md: one process on one machine, or Kafka + Flink + PostgreSQL. */
    public enum Mode { EMBEDDED, DISTRIBUTED }

    public Deployment {
        if (mode == null) throw new IllegalArgumentException("mode must not be null");
        kafka = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(kafka));
        postgres = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(postgres));
    }

    /** The embedded shape with no adapter sections. */
    public static Deployment embedded() {
        return new Deployment(Mode.EMBEDDED, Map.of(), Map.of());
    }

    static Deployment from(ConfigTree root) {
        return new Deployment(mode(root), section(root, "kafka"), section(root, "postgres"));
    }

    /** The {@code kafka:} section for its reader, with keys named {@code kafka.…} in errors. */
    public ConfigTree kafkaSection() {
        return new ConfigTree("kafka", kafka);
    }

    /** The {@code postgres:} section for its reader, with keys named {@code postgres.…} in errors. */
    public ConfigTree postgresSection() {
        return new ConfigTree("postgres", postgres);
    }

    /** The same with another mode, for {@code --mode} on the command line. */
    public Deployment withMode(Mode m) {
        return new Deployment(m, kafka, postgres);
    }

    /** The same with {@code key} of the {@code kafka:} section set, for {@code --kafka} on the command line. */
    public Deployment withKafka(String key, Object value) {
        Map<String, Object> k = new LinkedHashMap<>(kafka);
        k.put(key, value);
        return new Deployment(mode, k, postgres);
    }

    /** The same with {@code key} of the {@code postgres:} section set, for {@code --postgres} on the command line. */
    public Deployment withPostgres(String key, Object value) {
        Map<String, Object> p = new LinkedHashMap<>(postgres);
        p.put(key, value);
        return new Deployment(mode, kafka, p);
    }

    /** Parses {@code embedded} or {@code distributed}, naming {@code key} otherwise. */
    public static Mode mode(String key, String value) {
        try {
            return Mode.valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new ConfigException(key, "must be embedded or distributed, got '" + value + "'");
        }
    }

    private static Mode mode(ConfigTree root) {
        String m = root.string("mode", "embedded");
        return mode(root.keyOf("mode"), m);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> section(ConfigTree root, String name) {
        root.section(name); // refuses a value that is not a mapping, naming the key
        Object v = root.raw(name);
        if (v == null) return Map.of();
        Map<String, Object> out = new LinkedHashMap<>();
        ((Map<Object, Object>) v).forEach((k, val) -> out.put(String.valueOf(k), val));
        return out;
    }
}
