package dev.flywheel.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.flywheel.catalog.Catalog;
import dev.flywheel.config.FlywheelConfig;
import dev.flywheel.log.LogConsumer;
import dev.flywheel.state.Checkpoint;
import dev.flywheel.store.file.FileCheckpointStore;
import dev.flywheel.store.file.SegmentedFileLog;
import dev.flywheel.topology.Topology;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills a real {@code flywheel serve} with SIGKILL twenty times while it takes checkpoints every few
 * dozen entries (so kills land in the middle of writing one), restarting it on the same directory.
 * Every start must begin from an intact checkpoint (or the log's beginning), and the state the last
 * one ends with must equal, operator by operator and byte for byte, a replay of the whole log that
 * pauses where the engine restarted (a start closes the windows that have ended, as a pause does).
 * Collaborative models are off: they train on their own thread, at times no replay can repeat.
 */
class CheckpointCrashTest {
    private static final String ADMIN = "checkpoint-crash-admin-key-0123456789";
    private static final String CONFIG = """
            log: {fsync: false, checkpoint_entries: 40, checkpoint_interval: 0s}
            autopilot: {tick: 0s}
            loops:
              - name: feed
                reward: {weights: {like: 1.0, click: 0.1, dislike: -1.0}}
                collaborative: {enabled: false}
                quality: {enabled: true}
            """;

    @TempDir
    Path dir;

    @Test
    void afterTwentyKillsTheEngineStartsFromAConsistentState() throws Exception {
        Path data = dir.resolve("data");
        Path config = dir.resolve("flywheel.yaml");
        Files.writeString(config, CONFIG);
        int rounds = Integer.getInteger("flywheel.crash.rounds", 20);
        SplittableRandom rnd = new SplittableRandom(13);
        List<Long> pauses = new ArrayList<>();
        AtomicLong next = new AtomicLong();
        int restored = 0;
        for (int round = 0; round <= rounds; round++) {
            Server s = Server.start(data, config);
            JsonNode status = s.client().get("/v1/status").body();
            long logEnd = status.at("/log/next_seq").asLong() - 1;
            long after = status.at("/stream/checkpoints/started_after").asLong();
            assertTrue(after <= logEnd, "round " + round + ": started after " + after + " of a log ending at " + logEnd);
            if (after >= 0) restored++;
            pauses.add(logEnd);
            if (round == rounds) {
                s.process.destroy();               // SIGTERM: a clean stop checkpoints at the end
                assertTrue(s.process.waitFor(60, TimeUnit.SECONDS));
                break;
            }
            Thread writer = writer(s, next, rnd.split());
            writer.start();
            Thread.sleep(300 + rnd.nextInt(700));
            s.process.destroyForcibly();          // SIGKILL: no shutdown hook, maybe in a checkpoint
            s.process.waitFor(10, TimeUnit.SECONDS);
            writer.join(10_000);
        }
        assertTrue(restored >= rounds / 2, "most starts restored a checkpoint: " + restored + " of " + (rounds + 1));
        Checkpoint last = new FileCheckpointStore(data.resolve("checkpoints"), 3).latest().orElseThrow();
        assertEquals(pauses.get(pauses.size() - 1).longValue(), last.seq());
        Map<String, byte[]> expected = replay(data, ConfigFiles.load(config), pauses);
        assertEquals(expected.keySet(), withoutSink(last.states()).keySet());
        List<String> differ = new ArrayList<>();
        expected.forEach((op, bytes) -> {
            if (!java.util.Arrays.equals(bytes, last.states().get(op))) differ.add(op);
        });
        assertEquals(List.of(), differ, "operators whose state differs from the replay's");
        expected.forEach((op, bytes) -> assertArrayEquals(bytes, last.states().get(op),
                () -> op + ": " + new String(last.states().get(op), StandardCharsets.ISO_8859_1).replaceAll("[^ -~]", ".")
                        .substring(0, Math.min(400, last.states().get(op).length))));
    }

    private static Map<String, byte[]> withoutSink(Map<String, byte[]> states) {
        Map<String, byte[]> out = new java.util.TreeMap<>(states);
        out.remove("outcome-sink"); // counts rows of tables a replay in memory does not write
        return out;
    }

    /** The log applied by a topology of the same configuration, idle at each position a start idled. */
    private static Map<String, byte[]> replay(Path data, FlywheelConfig cfg, List<Long> pauses) {
        Topology t = Topology.build(cfg.loops(), new Catalog(), null, false, null, cfg.expectations());
        Set<Long> idleAt = new HashSet<>(pauses);
        try (SegmentedFileLog log = new SegmentedFileLog(data.resolve("log"), false, 256L << 20); var reader = log.reader(0)) {
            long end = log.nextSeq() - 1;
            if (idleAt.contains(-1L)) t.idle();
            long[] seq = {-1};
            while (seq[0] < end) {
                reader.poll(1, e -> {
                    for (LogConsumer op : t.operators()) op.accept(e);
                    seq[0] = e.seq();
                });
                t.operators().forEach(LogConsumer::flush);
                if (idleAt.contains(seq[0])) t.idle();
            }
        }
        return withoutSink(Checkpoint.of(0, Instant.EPOCH, t.stateHolders()).states());
    }

    private static Thread writer(Server s, AtomicLong next, SplittableRandom r) {
        var client = s.client();
        return new Thread(() -> {
            while (true) {
                List<Map<String, Object>> events = new ArrayList<>();
                for (int i = 0; i < 20; i++) {
                    long n = next.getAndIncrement();
                    String user = "u" + r.nextInt(15);
                    String item = "a" + r.nextInt(40);
                    String at = Instant.parse("2026-11-01T00:00:00Z").plusSeconds(n * 7).toString();
                    events.add(Map.of("id", "x" + n, "type", "impression", "timestamp", at, "user", user, "item", item, "loop", "feed"));
                    if (r.nextInt(3) == 0) {
                        events.add(Map.of("id", "y" + n, "type", r.nextInt(3) == 0 ? "dislike" : "like", "timestamp", at,
                                "user", user, "item", item, "loop", "feed"));
                    }
                }
                try {
                    if (client.post("/v1/events", Map.of("events", events)).status() != 200) return;
                } catch (RuntimeException killed) {
                    return;
                }
            }
        });
    }

    /** A {@code flywheel serve} child process on a free port. */
    private record Server(Process process, int port) {
        static Server start(Path data, Path config) throws Exception {
            ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx512m", "-cp", System.getProperty("java.class.path"), Flywheel.class.getName(),
                    "serve", "--data", data.toString(), "--port", "0", "--config", config.toString());
            pb.environment().put("FLYWHEEL_ADMIN_KEY", ADMIN);
            pb.redirectError(ProcessBuilder.Redirect.DISCARD);
            Process p = pb.start();
            BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
            String line = out.readLine();
            if (line == null || !line.startsWith("ready port=")) {
                p.destroyForcibly();
                throw new AssertionError("server did not start: " + line);
            }
            return new Server(p, Integer.parseInt(line.substring("ready port=".length())));
        }

        dev.flywheel.sim.client.FlywheelClient client() {
            return new dev.flywheel.sim.client.FlywheelClient(URI.create("http://127.0.0.1:" + port), ADMIN);
        }
    }
}
