package dev.flywheel.kafka;

import dev.flywheel.log.LogException;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.Feature;
import org.apache.kafka.server.common.MetadataVersion;

/**
 * A single-node Kafka (KRaft: broker and controller in one) inside this JVM, for the distributed
 * demo, the benchmark and tests. Its data stays in its directory: started again on the same
 * directory (and port) it holds what it held. Internal topics have one copy.
 */
public final class LocalKafka implements AutoCloseable {
    private static final int NODE_ID = 1;
    private final Path dir;
    private final int port;
    private final KafkaRaftServer server;

    private LocalKafka(Path dir, int port, KafkaRaftServer server) {
        this.dir = dir;
        this.port = port;
        this.server = server;
    }

    /** Starts a broker on {@code dir} on a free port of the loopback interface. */
    public static LocalKafka start(Path dir) {
        return start(dir, freePort());
    }

    /** Starts a broker on {@code dir} listening on {@code port} of the loopback interface; waits until it answers. */
    public static LocalKafka start(Path dir, int port) {
        Path logs = dir.resolve("logs");
        int controllerPort = freePort();
        try {
            Files.createDirectories(logs);
            if (!Files.exists(logs.resolve("meta.properties"))) format(logs);
        } catch (Exception e) {
            throw new LogException("cannot format a Kafka log directory in " + logs + ": " + e.getMessage(), e);
        }
        KafkaRaftServer server = new KafkaRaftServer(KafkaConfig.fromProps(properties(logs, port, controllerPort)), Time.SYSTEM);
        server.startup();
        LocalKafka kafka = new LocalKafka(dir, port, server);
        try {
            kafka.awaitReady();
        } catch (RuntimeException e) {
            kafka.close();
            throw e;
        }
        return kafka;
    }

    private static void format(Path logs) throws Exception {
        new Formatter().setPrintStream(new PrintStream(OutputStream.nullOutputStream()))
                .setNodeId(NODE_ID).setClusterId(Uuid.randomUuid().toString())
                .setDirectories(List.of(logs.toString())).setMetadataLogDirectory(logs.toString())
                .setReleaseVersion(MetadataVersion.LATEST_PRODUCTION).setSupportedFeatures(Feature.PRODUCTION_FEATURES)
                .setControllerListenerName("CONTROLLER").run();
    }

    private static Properties properties(Path logs, int port, int controllerPort) {
        Properties p = new Properties();
        p.putAll(Map.of("process.roles", "broker,controller", "node.id", Integer.toString(NODE_ID),
                "controller.quorum.voters", NODE_ID + "@127.0.0.1:" + controllerPort,
                "listeners", "PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort,
                "advertised.listeners", "PLAINTEXT://127.0.0.1:" + port, "controller.listener.names", "CONTROLLER",
                "inter.broker.listener.name", "PLAINTEXT",
                "listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT",
                "log.dirs", logs.toString(), "auto.create.topics.enable", "false"));
        // one node: the internal topics can have one copy only, and one partition starts faster than fifty
        p.putAll(Map.of("offsets.topic.replication.factor", "1", "offsets.topic.num.partitions", "1",
                "transaction.state.log.replication.factor", "1", "transaction.state.log.min.isr", "1",
                "transaction.state.log.num.partitions", "1", "share.coordinator.state.topic.replication.factor", "1",
                "share.coordinator.state.topic.min.isr", "1",
                "group.initial.rebalance.delay.ms", "0", // consumers would otherwise wait ~3 s for a group to form
                "message.max.bytes", Integer.toString(Topics.MAX_RECORD_BYTES)));
        return p;
    }

    private void awaitReady() {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap()))) {
            admin.describeCluster().nodes().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new LogException("the local Kafka broker in " + dir + " did not come up: " + e.getMessage(), e);
        }
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0, 0, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port", e);
        }
    }

    /** {@code host:port} for clients' {@code bootstrap.servers}. */
    public String bootstrap() {
        return "127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    public Path dir() {
        return dir;
    }

    /** Stops the broker; its data stays in its directory. */
    @Override
    public void close() {
        server.shutdown();
        server.awaitShutdown();
    }
}
