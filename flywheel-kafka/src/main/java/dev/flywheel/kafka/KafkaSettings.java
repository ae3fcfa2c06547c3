package dev.flywheel.kafka;

import dev.flywheel.config.ConfigException;
import dev.flywheel.config.ConfigTree;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Where the distributed shape's log lives and how it is written: the {@code kafka} section of the
 * configuration, validated at start with messages naming the key.
 *
 * @param bootstrap         {@code kafka.bootstrap}: {@code host:port[,host:port...]} of the brokers
 * @param topicPrefix       {@code kafka.topic_prefix}: topics are {@code <prefix>.log}, {@code .ingest}, {@code .quarantine}
 * @param partitions        {@code kafka.partitions}: partitions of each topic created at start (users are spread
 *                          over them; one user's entries stay in one)
 * @param replicationFactor {@code kafka.replication_factor}: copies of each partition (1 for a single broker)
 * @param linger            {@code kafka.linger}: how long the producer waits to fill a batch (a group commit
 *                          sends at once whatever it holds)
 * @param batchBytes        {@code kafka.batch_bytes}: the producer's batch size per partition
 * @param deliveryTimeout   {@code kafka.delivery_timeout}: the longest an append waits for the brokers before it
 *                          fails and nothing of it counts (10 s: longer than a leader's failover, shorter than
 *                          a client's patience)
 * @param compression       {@code kafka.compression}: none, lz4, zstd, snappy or gzip
 */
public record KafkaSettings(String bootstrap, String topicPrefix, int partitions, short replicationFactor,
                            Duration linger, int batchBytes, Duration deliveryTimeout, String compression) {
    private static final Pattern BOOTSTRAP = Pattern.compile("[^,:\\s]+:\\d{1,5}(,[^,:\\s]+:\\d{1,5})*");
    /** Kafka's legal topic characters; the longest suffix (".quarantine") must still fit in 249. */
    private static final Pattern PREFIX = Pattern.compile("[A-Za-z0-9._-]{1,200}");
    private static final Set<String> COMPRESSIONS = Set.of("none", "lz4", "zstd", "snappy", "gzip");

    public KafkaSettings {
        check("bootstrap", bootstrap != null && BOOTSTRAP.matcher(bootstrap).matches(),
                "must be host:port[,host:port...], got '" + bootstrap + "'");
        check("topic_prefix", topicPrefix != null && PREFIX.matcher(topicPrefix).matches(),
                "must be 1-200 of A-Z a-z 0-9 . _ -, got '" + topicPrefix + "'");
        check("partitions", partitions >= 1 && partitions <= 10_000, "must be between 1 and 10000, got " + partitions);
        check("replication_factor", replicationFactor >= 1, "must be at least 1, got " + replicationFactor);
        check("linger", linger != null && !linger.isNegative() && linger.toMillis() <= 60_000, "must be between 0 and 60s");
        check("batch_bytes", batchBytes >= 1_024 && batchBytes <= (64 << 20), "must be between 1024 and 67108864, got " + batchBytes);
        check("delivery_timeout", deliveryTimeout != null && deliveryTimeout.toMillis() >= 1_000 + linger.toMillis(),
                "must be at least 1s more than kafka.linger, got " + deliveryTimeout);
        check("compression", compression != null && COMPRESSIONS.contains(compression),
                "must be one of " + new java.util.TreeSet<>(COMPRESSIONS) + ", got '" + compression + "'");
    }

    private static void check(String key, boolean ok, String message) {
        if (!ok) throw new ConfigException("kafka." + key, message);
    }

    /** The defaults for the brokers at {@code bootstrap}. */
    public static KafkaSettings of(String bootstrap) {
        return new KafkaSettings(bootstrap, "flywheel", 6, (short) 1, Duration.ofMillis(5), 256 * 1_024,
                Duration.ofSeconds(10), "none");
    }

    /** Reads the {@code kafka} section; {@code bootstrap} is required. */
    public static KafkaSettings from(ConfigTree kafka) {
        kafka.only(Set.of("bootstrap", "topic_prefix", "partitions", "replication_factor", "linger", "batch_bytes",
                "delivery_timeout", "compression"));
        String bootstrap = kafka.string("bootstrap", null);
        if (bootstrap == null) throw new ConfigException(kafka.keyOf("bootstrap"), "is required (host:port of a broker)");
        KafkaSettings d = of(bootstrap);
        return new KafkaSettings(bootstrap, kafka.string("topic_prefix", d.topicPrefix),
                kafka.integer("partitions", d.partitions, 1, 10_000),
                (short) kafka.integer("replication_factor", d.replicationFactor, 1, Short.MAX_VALUE),
                kafka.duration("linger", d.linger), kafka.integer("batch_bytes", d.batchBytes, 1_024, 64 << 20),
                kafka.duration("delivery_timeout", d.deliveryTimeout), kafka.string("compression", d.compression));
    }

    /** The same settings with another partition count. */
    public KafkaSettings withPartitions(int n) {
        return new KafkaSettings(bootstrap, topicPrefix, n, replicationFactor, linger, batchBytes, deliveryTimeout, compression);
    }

    /** The same settings with another delivery timeout. */
    public KafkaSettings withDeliveryTimeout(Duration d) {
        return new KafkaSettings(bootstrap, topicPrefix, partitions, replicationFactor, linger, batchBytes, d, compression);
    }

    /** The same settings with another topic prefix. */
    public KafkaSettings withTopicPrefix(String prefix) {
        return new KafkaSettings(bootstrap, prefix, partitions, replicationFactor, linger, batchBytes, deliveryTimeout, compression);
    }

    /**
     * The producer every Flywheel writer uses: idempotent (a retried batch is stored once, in order),
     * {@code acks=all} (acknowledged once every in-sync replica has it), batches of
     * {@code kafka.batch_bytes} after {@code kafka.linger}, and nothing outstanding longer than
     * {@code kafka.delivery_timeout}.
     */
    public Map<String, Object> producerProperties() {
        long delivery = deliveryTimeout.toMillis();
        Map<String, Object> p = new HashMap<>();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5); // the most that keeps order with idempotence
        p.put(ProducerConfig.LINGER_MS_CONFIG, (int) linger.toMillis());
        p.put(ProducerConfig.BATCH_SIZE_CONFIG, batchBytes);
        p.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, compression);
        p.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, Topics.MAX_RECORD_BYTES);
        p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) delivery);
        p.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) Math.min(30_000, delivery - linger.toMillis()));
        p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, delivery);
        return p;
    }

    public Topics topics() {
        return new Topics(topicPrefix);
    }
}
