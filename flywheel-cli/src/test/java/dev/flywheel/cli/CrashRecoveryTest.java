package dev.flywheel.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.flywheel.cli.engine.Engine;
import dev.flywheel.sim.client.FlywheelClient;
import dev.flywheel.state.Checkpoint;
import dev.flywheel.store.file.FileCheckpointStore;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills a real {@code flywheel serve} process with SIGKILL while clients stream acknowledged
 * writes and the stream checkpoints its state every few dozen entries (so kills land in the middle
 * of writing a checkpoint), restarts it on the same data directory, and checks that every
 * acknowledged id is stored exactly once, that every start began from an intact checkpoint (or the
 * log's beginning), and that the state the last one ends with equals, operator by operator, a replay
 * of the whole log that pauses where the engine restarted ({@link CheckpointReplay}). Twenty
 * kill/restart rounds in a row on one directory (override with {@code -Dflywheel.crash.rounds}).
 */
class CrashRecoveryTest {
    private static final String ADMIN = "crash-test-admin-key-0123456789";
    private static final int WRITERS = 3;

    @TempDir
    Path dir;

    @Test
    void everyAcknowledgedEventSurvivesSigkillExactlyOnceAndEveryStartIsConsistent() throws Exception {
        Path data = dir.resolve("data");
        Path config = CheckpointReplay.config(dir);
        int rounds = Integer.getInteger("flywheel.crash.rounds", 20);
        SplittableRandom rnd = new SplittableRandom(7);
        Set<String> acked = ConcurrentHashMap.newKeySet();
        Set<String> previous = new HashSet<>();
        List<Long> pauses = new ArrayList<>();
        int restored = 0;
        for (int round = 0; round < rounds; round++) {
            Server s = Server.start(data, config);
            if (startedFrom(s, pauses, round) >= 0) restored++;
            assertAllDuplicates(s.client(), previous, "round " + round + ": ids acknowledged before the kill");
            Set<String> ackedNow = ConcurrentHashMap.newKeySet();
            List<Thread> writers = new ArrayList<>();
            for (int w = 0; w < WRITERS; w++) writers.add(writer(s.client(), "r" + round + "-w" + w, ackedNow));
            long killAt = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(200 + rnd.nextInt(600));
            writers.forEach(Thread::start);
            awaitKillTime(killAt, ackedNow, round);
            s.process.destroyForcibly();          // SIGKILL: no shutdown hook, no flush, maybe mid-checkpoint
            s.process.waitFor(10, TimeUnit.SECONDS);
            for (Thread t : writers) t.join(10_000);
            assertTrue(ackedNow.size() > 0, "round " + round + " acknowledged nothing");
            acked.addAll(ackedNow);
            previous = new HashSet<>(ackedNow);
        }
        Server last = Server.start(data, config);
        startedFrom(last, pauses, rounds);
        assertAllDuplicates(last.client(), acked, "all rounds");
        last.process.destroy();                   // SIGTERM: a clean stop checkpoints and releases the store
        assertTrue(last.process.waitFor(60, TimeUnit.SECONDS));
        assertTrue(restored >= rounds / 2, "most starts restored a checkpoint: " + restored + " of " + rounds);
        Checkpoint checkpoint = new FileCheckpointStore(data.resolve("checkpoints"), 3).latest().orElseThrow();
        CheckpointReplay.assertEqualsReplay(data, ConfigFiles.load(config), pauses, checkpoint);
        assertStoredExactlyOnce(data, config, acked);
    }

    /**
     * Until {@code killAt}, and past it until a first batch is acknowledged: on a loaded machine a
     * fresh server's first answer came after the kill, and the round tested nothing.
     */
    private static void awaitKillTime(long killAt, Set<String> acked, int round) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < killAt || acked.isEmpty()) {
            assertTrue(System.nanoTime() < deadline, "round " + round + ": nothing acknowledged in 120 s");
            Thread.sleep(5);
        }
    }

    /** Where the start began ({@code stream.checkpoints.started_after}); notes the log's end, where it paused. */
    private static long startedFrom(Server s, List<Long> pauses, int round) {
        JsonNode status = s.client().get("/v1/status").body();
        long logEnd = status.at("/log/next_seq").asLong() - 1;
        long after = status.at("/stream/checkpoints/started_after").asLong();
        assertTrue(after <= logEnd, "round " + round + ": started after " + after + " of a log ending at " + logEnd);
        pauses.add(logEnd);
        return after;
    }

    /**
     * Impressions and likes of a few users and items, a minute of event time apart batch by batch;
     * every round starts its times over, so most of a round's feedback is older than what the
     * engine has compacted and closed (late, and read as of the oldest time the features keep).
     */
    private static Thread writer(FlywheelClient c, String prefix, Set<String> acked) {
        return new Thread(() -> {
            for (int batch = 0; ; batch++) {
                List<Map<String, Object>> events = new ArrayList<>();
                String at = Instant.parse("2026-11-01T00:00:00Z").plusSeconds(60L * batch).toString();
                for (int i = 0; i < 50; i++) {
                    events.add(Map.of("id", prefix + "-" + batch + "-" + i, "type", i % 3 == 0 ? "like" : "impression",
                            "timestamp", at, "user", "u" + i % 17, "item", "a" + (batch + i) % 23));
                }
                try {
                    FlywheelClient.Answer a = c.post("/v1/events", Map.of("events", events));
                    if (a.status() != 200 || a.body().get("accepted").asInt() != 50) return;
                    events.forEach(e -> acked.add((String) e.get("id")));
                } catch (RuntimeException killed) {
                    return;                        // the server died under us: this batch was never acknowledged
                }
            }
        });
    }

    private static void assertAllDuplicates(FlywheelClient c, Set<String> ids, String what) {
        List<String> all = new ArrayList<>(ids);
        int dups = 0;
        for (int from = 0; from < all.size(); from += 5_000) {
            List<Map<String, Object>> events = new ArrayList<>();
            for (String id : all.subList(from, Math.min(all.size(), from + 5_000))) {
                events.add(Map.of("id", id, "type", "click", "timestamp", "2026-11-27T10:00:00Z", "user", "u"));
            }
            JsonNode r = c.post("/v1/events", Map.of("events", events)).body();
            dups += r.get("duplicates").asInt();
            assertEquals(0, r.get("accepted").asInt(), what + ": an acknowledged id was missing after restart");
        }
        assertEquals(all.size(), dups, what);
    }

    private static void assertStoredExactlyOnce(Path data, Path config, Set<String> acked) throws Exception {
        try (Engine e = Engine.open(data, ConfigFiles.load(config).withPort(0), Clock.systemUTC(), ADMIN);
             Connection c = e.store().connect(); Statement s = c.createStatement()) {
            try (ResultSet r = s.executeQuery("SELECT count(*) FROM (SELECT id FROM events GROUP BY id HAVING count(*) > 1)")) {
                r.next();
                assertEquals(0, r.getLong(1), "ids stored more than once");
            }
            Set<String> stored = new HashSet<>();
            try (ResultSet r = s.executeQuery("SELECT id FROM events")) {
                while (r.next()) stored.add(r.getString(1));
            }
            Set<String> missing = new HashSet<>(acked);
            missing.removeAll(stored);
            assertEquals(Set.of(), missing, "acknowledged but not stored");
        }
    }

    /** A {@code flywheel serve} child process on a free port. */
    private record Server(Process process, int port) {
        static Server start(Path data, Path config) throws Exception {
            // C1 only: a child lives a second or two, and C2's compiler threads only competed with its start
            ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx512m", "-XX:TieredStopAtLevel=1", "-Djava.io.tmpdir=" + System.getProperty("java.io.tmpdir"), "-cp", System.getProperty("java.class.path"), Flywheel.class.getName(),
                    "serve", "--data", data.toString(), "--port", "0", "--config", config.toString());
            pb.environment().put("FLYWHEEL_ADMIN_KEY", ADMIN);
            Path err = data.resolveSibling("serve.err");
            pb.redirectError(ProcessBuilder.Redirect.appendTo(err.toFile()));
            Process p = pb.start();
            BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
            String line = out.readLine();
            if (line == null || !line.startsWith("ready port=")) {
                p.destroyForcibly();
                String tail = Files.exists(err) ? Files.readString(err) : "";
                throw new AssertionError("server did not start: " + line + "; stderr: " + tail.substring(Math.max(0, tail.length() - 1500)));
            }
            return new Server(p, Integer.parseInt(line.substring("ready port=".length())));
        }

        FlywheelClient client() {
            return new FlywheelClient(URI.create("http://127.0.0.1:" + port), ADMIN);
        }
    }
}
