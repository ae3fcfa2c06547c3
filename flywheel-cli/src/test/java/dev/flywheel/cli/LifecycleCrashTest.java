package dev.flywheel.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flywheel.cli.engine.Engine;
import dev.flywheel.config.FlywheelConfig;
import dev.flywheel.model.VersionRecord;
import dev.flywheel.rollout.AuditRecord;
import dev.flywheel.rollout.LoopLifecycle;
import dev.flywheel.rollout.RolloutPolicy;
import dev.flywheel.rollout.RolloutState;
import dev.flywheel.rollout.VersionStatus;
import dev.flywheel.store.file.FileModelStore;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SIGKILL in the middle of training, promotion and rollback, twenty times on one data directory:
 * after each restart every acknowledged change is in the audit log, every version's state is there
 * and whole, and the aliases, the statuses and what the loop serves are the audit log's fold.
 */
class LifecycleCrashTest {
    @TempDir
    Path dir;

    @Test
    void noVersionIsLostOrHalfPromotedAfterKillNine() throws Exception {
        int rounds = Integer.getInteger("flywheel.crash.rounds", 20);
        SplittableRandom rnd = new SplittableRandom(11);
        List<String> acked = new ArrayList<>();
        for (int round = 0; round < rounds; round++) {
            Process p = churn(round);
            List<String> lines = readFor(p, 300 + rnd.nextInt(900));
            p.destroyForcibly();
            assertTrue(p.waitFor(20, TimeUnit.SECONDS));
            assertTrue(lines.stream().anyMatch(l -> l.startsWith("ACK")), "round " + round + " changed nothing: " + lines);
            lines.stream().filter(l -> l.startsWith("ACK")).forEach(acked::add);
            check(acked, round);
        }
    }

    private Process churn(int round) throws Exception {
        // C1 only: a child lives a second or two, and C2's compiler threads only competed with its start
        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m",
                "-XX:TieredStopAtLevel=1", "-Djava.io.tmpdir=" + System.getProperty("java.io.tmpdir"),
                "-cp", System.getProperty("java.class.path"), LifecycleChurn.class.getName(), dir.toString(), Integer.toString(round));
        pb.redirectError(ProcessBuilder.Redirect.appendTo(dir.resolve("churn.err").toFile()));
        return pb.start();
    }

    /** The child's lines for {@code millis} after it is ready (readiness waited for first). */
    private List<String> readFor(Process p, long millis) throws Exception {
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        String first = out.readLine();
        assertEquals("ready", first, "the churn did not start: " + stderr());
        List<String> lines = new ArrayList<>();
        Thread reader = new Thread(() -> {
            try {
                for (String l; (l = out.readLine()) != null; ) {
                    synchronized (lines) {
                        lines.add(l);
                    }
                }
            } catch (java.io.IOException killed) {
                // the pipe closes with the process
            }
        });
        reader.start();
        // past the time drawn, also until a first change is acknowledged: on a loaded machine the
        // child's first one came after the kill, and the round tested nothing
        long until = System.nanoTime() + millis * 1_000_000L;
        long deadline = System.nanoTime() + 120_000_000_000L;
        while (System.nanoTime() < until || !acknowledged(lines)) {
            if (System.nanoTime() > deadline) break;
            Thread.sleep(5);
        }
        synchronized (lines) {
            return new ArrayList<>(lines);
        }
    }

    private static boolean acknowledged(List<String> lines) {
        synchronized (lines) {
            return lines.stream().anyMatch(l -> l.startsWith("ACK"));
        }
    }

    private String stderr() {
        try {
            String all = java.nio.file.Files.readString(dir.resolve("churn.err"));
            return all.substring(Math.max(0, all.length() - 2000));
        } catch (java.io.IOException e) {
            return "(no stderr)";
        }
    }

    private void check(List<String> acked, int round) {
        try (Engine e = Engine.open(dir, FlywheelConfig.from(LifecycleChurn.config()).withPort(0), Clock.systemUTC(), null)) {
            var life = e.lifecycle();
            List<AuditRecord> audit = life.read(LifecycleChurn.LOOP, l -> List.copyOf(l.audit()));
            for (String a : acked) {
                String[] f = a.split(" ");
                int seq = Integer.parseInt(f[1]);
                assertTrue(seq <= audit.size(), "round " + round + ": acknowledged " + a + " is missing");
                AuditRecord r = audit.get(seq - 1);
                assertEquals(f[2] + " " + f[3], r.action().label() + " " + r.version(), "round " + round + ": record " + seq);
            }
            life.read(LifecycleChurn.LOOP, l -> {
                agrees(l, round);
                return null;
            });
            for (VersionRecord v : life.read(LifecycleChurn.LOOP, l -> List.copyOf(l.versions().values()))) {
                if (v.state() == null) continue;
                assertEquals(v.state(), FileModelStore.hash(life.states().get(v.state())), "round " + round + ": state of " + v.version());
                assertNotNull(life.version(LifecycleChurn.LOOP, v.version()));
            }
            RolloutState served = ((RolloutPolicy) e.topology().loop(LifecycleChurn.LOOP).policy()).plan().state();
            assertEquals(life.read(LifecycleChurn.LOOP, LoopLifecycle::state), served, "round " + round + ": the loop serves the fold");
        }
    }

    /** The statuses say what the aliases say: one champion, at most one challenger in its stage. */
    private static void agrees(LoopLifecycle l, int round) {
        RolloutState s = l.state();
        int champions = 0;
        int challengers = 0;
        for (String v : l.versions().keySet()) {
            VersionStatus st = l.status(v);
            if (st == VersionStatus.CHAMPION) {
                champions++;
                assertEquals(s.champion(), v, "round " + round);
            }
            if (st == VersionStatus.SHADOW || st == VersionStatus.CANARY) {
                challengers++;
                assertEquals(s.challenger(), v, "round " + round);
                assertEquals(s.stage(), st, "round " + round);
            }
        }
        assertEquals(1, champions, "round " + round + ": champions");
        assertEquals(s.challenger() == null ? 0 : 1, challengers, "round " + round + ": challengers");
    }
}
