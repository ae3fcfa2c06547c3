package dev.flywheel.kafka;

import dev.flywheel.config.ConfigException;
import dev.flywheel.log.LogException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.RetriableException;

/**
 * The topics of one Flywheel deployment, named by its prefix: {@code <p>.log} (accepted entries,
 * written by the servers), {@code <p>.ingest} (JSON bodies products produce directly) and
 * {@code <p>.quarantine} (refused input with its reasons). See docs/distributed.md.
 */
public record Topics(String prefix) {
    /**
     * The header of a {@code <p>.ingest} record that says what its JSON body holds: {@code event},
     * {@code decision} or {@code item}; without it a batch body's field says it.
     */
    public static final String KIND_HEADER = "kind";

    /** The largest record a topic takes: a body the HTTP API accepts (16 MiB by default) fits in one. */
    public static final int MAX_RECORD_BYTES = 32 << 20;

    public String log() {
        return prefix + ".log";
    }

    public String ingest() {
        return prefix + ".ingest";
    }

    public String quarantine() {
        return prefix + ".quarantine";
    }

    public List<String> all() {
        return List.of(log(), ingest(), quarantine());
    }

    /**
     * Creates the topics that are absent with {@code kafka.partitions} partitions and checks the
     * ones that exist have as many: a different count would move users to other partitions.
     *
     * @throws ConfigException naming {@code kafka.partitions} when an existing topic differs
     * @throws LogException    when the brokers cannot be reached within the delivery timeout
     */
    public static void ensure(KafkaSettings s) {
        int timeout = (int) s.deliveryTimeout().toMillis();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, s.bootstrap(),
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, timeout,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, Math.min(30_000, timeout)))) {
            Topics t = s.topics();
            long wait = s.deliveryTimeout().toMillis();
            Set<String> existing = admin.listTopics().names().get(wait, TimeUnit.MILLISECONDS);
            List<NewTopic> create = new ArrayList<>();
            for (String name : t.all()) if (!existing.contains(name)) create.add(newTopic(name, s));
            createAll(admin, create, wait);
            Map<String, TopicDescription> d = awaitWritable(admin, t.all(), wait);
            for (String name : t.all()) {
                int n = d.get(name).partitions().size();
                if (n != s.partitions()) {
                    throw new ConfigException("kafka.partitions", "is " + s.partitions() + " but topic " + name + " already has " + n
                            + " partitions; set kafka.partitions: " + n + " (repartitioning would move users between partitions)"
                            + " or choose another kafka.topic_prefix");
                }
            }
        } catch (ExecutionException | TimeoutException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            throw new LogException("cannot set up the topics at kafka.bootstrap " + s.bootstrap() + ": " + cause, cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LogException("interrupted while setting up the topics", e);
        }
    }

    private static void createAll(Admin admin, List<NewTopic> create, long wait)
            throws InterruptedException, ExecutionException, TimeoutException {
        try {
            if (!create.isEmpty()) admin.createTopics(create).all().get(wait, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            // another server created it meanwhile: the partition check below still applies
            if (!(e.getCause() instanceof TopicExistsException)) throw e;
        }
    }

    /**
     * The topics' descriptions once every partition takes writes. Right after creation the broker may
     * not lead a partition yet: a producer's first request to it is refused (NOT_LEADER) while its
     * next one is taken, and the retries of the first are then refused as out of order until the
     * append times out (KAFKA-15591). Asking each partition's latest offset succeeds only once its
     * leader has opened it.
     */
    private static Map<String, TopicDescription> awaitWritable(Admin admin, List<String> names, long wait)
            throws InterruptedException, ExecutionException, TimeoutException {
        long deadline = System.currentTimeMillis() + wait;
        while (true) {
            try {
                Map<String, TopicDescription> d = admin.describeTopics(names).allTopicNames().get(wait, TimeUnit.MILLISECONDS);
                Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
                d.values().forEach(t -> t.partitions().forEach(p -> latest.put(new TopicPartition(t.name(), p.partition()), OffsetSpec.latest())));
                admin.listOffsets(latest).all().get(Math.max(1, deadline - System.currentTimeMillis()), TimeUnit.MILLISECONDS);
                return d;
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof RetriableException) || System.currentTimeMillis() > deadline) throw e;
            }
            Thread.sleep(50);
        }
    }

    /**
     * With three copies or more, an acknowledged write is on two of them ({@code acks=all} waits
     * for the in-sync replicas, and at least two must be in sync for a write to be taken).
     */
    private static NewTopic newTopic(String name, KafkaSettings s) {
        int minInSync = Math.max(1, Math.min(2, s.replicationFactor() - 1));
        return new NewTopic(name, s.partitions(), s.replicationFactor()).configs(Map.of(
                TopicConfig.MAX_MESSAGE_BYTES_CONFIG, Integer.toString(MAX_RECORD_BYTES),
                TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG, Integer.toString(minInSync)));
    }
}
