package dev.flywheel.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.flywheel.auth.Scope;
import dev.flywheel.config.FlywheelConfig;
import dev.flywheel.model.CollaborativeInput;
import dev.flywheel.model.ContentBanditSpec;
import dev.flywheel.model.TrainedFactors;
import dev.flywheel.model.TrainingRow;
import dev.flywheel.sim.SimClock;
import dev.flywheel.sim.client.FlywheelClient;
import dev.flywheel.store.file.FileModelStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Factors trained outside the engine (as flywheel-spark's SparkTrainer writes them) registered as a
 * version through {@code POST /v1/loops/{loop}/versions/factors} and {@code flywheel models train --factors}.
 */
class FactorsRegistrationTest {
    private static final Instant T0 = Instant.parse("2026-06-01T00:00:00Z");
    private static final String TRAINER = "spark-mllib_2.13 4.2.0 local[2]";
    @TempDir
    Path dir;

    private static Map<String, Object> config() {
        Map<String, Object> shop = Map.of("name", "shop", "model", "content-bandit", "k", 3, "window", "5m",
                "reward", Map.of("weights", Map.of("click", 1.0)), "rollout", Map.of("initial", "frozen"));
        Map<String, Object> other = Map.of("name", "other", "model", "content-bandit", "k", 3,
                "reward", Map.of("weights", Map.of("click", 1.0)), "collaborative", Map.of("enabled", false));
        return Map.of("server", Map.of("max_factors_bytes", 1_000_000), "autopilot", Map.of("tick", "0s"),
                "loops", List.of(shop, other));
    }

    /** 80 decisions over 20 users, every other one's first item clicked; then every window closes. */
    private static void traffic(RunningEngine e, SimClock clock, int from) {
        FlywheelClient ingest = e.client(Scope.INGEST);
        List<Map<String, Object>> items = new ArrayList<>();
        for (int i = 0; i < 12; i++) items.add(Map.of("id", "p" + i, "title", "product " + i, "body", "kind" + (i % 3) + " thing"));
        assertTrue(ingest.post("/v1/items", Map.of("items", items)).ok());
        for (int i = from; i < from + 80; i++) {
            clock.advanceTo(T0.plusSeconds(10L * (i + 1)));
            String user = "u" + (i % 20);
            JsonNode d = e.client(Scope.DECIDE).post("/v1/loops/shop/decide", Map.of("user", user, "k", 3)).body();
            if (i % 2 == 1) continue;
            Map<String, Object> click = RetrainingTest.event("c" + i, "click", clock.instant().plusSeconds(2), user,
                    d.get("decision").asText(), d.at("/items/0/item").asText(), null);
            assertTrue(ingest.post("/v1/events", Map.of("events", List.of(click))).ok());
        }
        clock.advanceTo(clock.instant().plusSeconds(3600));
        e.client(Scope.DECIDE).post("/v1/loops/shop/decide", Map.of("user", "late", "k", 3));
        assertTrue(e.engine.awaitStream(20_000));
        assertTrue(e.engine.materializer().awaitSeq(e.engine.storageLog().nextSeq() - 1, 20_000));
    }

    private static ContentBanditSpec spec() {
        return (ContentBanditSpec) FlywheelConfig.from(config()).loop("shop").orElseThrow().model();
    }

    /** The engine's own factorisation of the snapshot's rows, handed over as another trainer would. */
    private static TrainedFactors factors(RunningEngine e, String snapshot) {
        CollaborativeInput in = new CollaborativeInput(spec().collaborative());
        for (TrainingRow r : e.engine.snapshots().rows(snapshot)) in.add(r);
        TrainedFactors own = in.factorise(snapshot, 7);
        return new TrainedFactors(snapshot, TRAINER, own.factors(), own.users(), own.userVectors(), own.items(),
                own.itemVectors(), Duration.ofSeconds(42));
    }

    @Test
    void factorsOfASnapshotRegisterAFrozenVersionInShadowWhoseStateIsTheTrainingWithThemAndWhichScoresByHttpAndByTheCli() throws Exception {
        SimClock clock = new SimClock(T0);
        try (RunningEngine e = new RunningEngine(dir, config(), clock)) {
            traffic(e, clock, 0);
            FlywheelClient admin = e.client(Scope.ADMIN);
            String snap = admin.post("/v1/loops/shop/snapshots", Map.of()).body().get("id").asText();
            TrainedFactors f = factors(e, snap);
            assertTrue(f.users().size() >= 10 && f.items().size() >= 2, f.toString());
            var r = admin.post("/v1/loops/shop/versions/factors?snapshot=" + snap, f.toBytes(), "application/octet-stream");
            assertEquals(200, r.status(), r.text());
            JsonNode v = r.body();
            assertEquals("v2", v.get("version").asText(), v.toString());
            assertEquals("shadow", v.get("status").asText());
            assertEquals("frozen", v.get("mode").asText());
            assertEquals(snap, v.get("dataset").asText());
            assertEquals(TRAINER, v.at("/params/collaborative.trainer").asText(), v.toString());
            assertEquals(42.0, v.at("/metrics/collaborative.factorisation_seconds").asDouble(), v.toString());
            byte[] expected = spec().train(e.engine.snapshots().rows(snap), f).state();
            byte[] stored = e.engine.lifecycle().states().get(v.get("state").asText());
            assertArrayEquals(expected, stored, "the registered state is the snapshot trained with exactly these factors");
            assertNotEquals(FileModelStore.hash(spec().train(e.engine.snapshots().rows(snap)).state()), v.get("state").asText(),
                    "the state carries the collaborative models, not only the ranker");
            JsonNode state = admin.get("/v1/loops/shop/versions").body().get("state");
            assertEquals("v2", state.at("/arms/shadow/version").asText(), state.toString());

            for (int u = 0; u < 20; u++) e.client(Scope.DECIDE).post("/v1/loops/shop/decide", Map.of("user", "u" + u, "k", 3));
            assertEquals(20, shadowed(e, "v2"), "every champion decision carries the new version's ranking");
            theModelsCommandRegistersTheSameFile(e, snap, f);
        }
    }

    /** {@code flywheel models train --factors} posts the file as it is; what it lacks is named before anything is sent. */
    private void theModelsCommandRegistersTheSameFile(RunningEngine e, String snap, TrainedFactors f) throws Exception {
        Path file = dir.resolve("factors.bin");
        Files.write(file, f.toBytes());
        String url = e.base.toString();
        String key = RunningEngine.ADMIN_SECRET;
        String out = cli("models", "train", "--loop", "shop", "--snapshot", snap, "--factors", file.toString(), "--start", "none",
                "--reason", "trained on Spark", "--url", url, "--key", key, "--json");
        JsonNode v = new ObjectMapper().readTree(out);
        assertEquals("v3", v.get("version").asText(), out);
        assertEquals("registered", v.get("status").asText(), out);
        assertEquals(TRAINER, v.at("/params/collaborative.trainer").asText());
        JsonNode audit = e.client(Scope.ADMIN).get("/v1/loops/shop/audit").body().get("audit");
        assertEquals("trained on Spark", audit.get(audit.size() - 1).get("reason").asText(), audit.toString());

        String missing = cli("models", "train", "--loop", "shop", "--snapshot", snap, "--factors", dir.resolve("nope").toString(),
                "--url", url, "--key", key);
        assertTrue(missing.contains("--factors") && missing.contains("nope"), missing);
        String noSnapshot = cli("models", "train", "--loop", "shop", "--factors", file.toString(), "--url", url, "--key", key);
        assertTrue(noSnapshot.contains("--factors requires --snapshot"), noSnapshot);
        String unknown = cli("models", "train", "--loop", "shop", "--snapshot", "0".repeat(64), "--factors", file.toString(),
                "--url", url, "--key", key);
        assertTrue(unknown.contains("404") && unknown.contains("no snapshot"), unknown);
        String refused = cli("models", "train", "--loop", "shop", "--snapshot", snap, "--factors", file.toString(), "--start", "later",
                "--url", url, "--key", key);
        assertTrue(refused.contains("400") && refused.contains("start"), refused);
    }

    @Test
    void badInputIsRefusedNamingTheFieldAndOnlyAnAdminKeyMayRegister() throws Exception {
        SimClock clock = new SimClock(T0);
        try (RunningEngine e = new RunningEngine(dir, config(), clock)) {
            traffic(e, clock, 0);
            FlywheelClient admin = e.client(Scope.ADMIN);
            String snap = admin.post("/v1/loops/shop/snapshots", Map.of()).body().get("id").asText();
            byte[] good = factors(e, snap).toBytes();
            refused(admin, "snapshot=" + snap, "not a factors file".getBytes(), 400, "factors");
            refused(admin, "snapshot=" + snap, java.util.Arrays.copyOf(good, good.length - 5), 400, "factors");
            refused(admin, "", good, 400, "snapshot");
            refused(admin, "snapshot=" + "0".repeat(64), good, 404, "snapshot");
            refused(admin, "snapshot=" + snap + "&start=canary", good, 400, "start");
            refused(admin, "snapshot=" + snap, new byte[1_000_001], 413, "server.max_factors_bytes");
            String otherLoops = admin.post("/v1/loops/other/snapshots", Map.of()).body().get("id").asText();
            assertNotEquals(snap, otherLoops);
            refused(admin, "snapshot=" + otherLoops, good, 400, "snapshot");
            byte[] none = new TrainedFactors(otherLoops, TRAINER, 2, List.of(), new double[0], List.of(), new double[0], Duration.ZERO).toBytes();
            var off = admin.post("/v1/loops/other/versions/factors?snapshot=" + otherLoops, none, "application/octet-stream");
            assertEquals(409, off.status(), off.text());
            assertTrue(off.text().contains("collaborative.enabled: false"), off.text());

            traffic(e, clock, 80);
            String later = admin.post("/v1/loops/shop/snapshots", Map.of()).body().get("id").asText();
            assertNotEquals(snap, later);
            String msg = refused(admin, "snapshot=" + later, good, 400, "factors");
            assertTrue(msg.contains("trained on snapshot " + snap), msg);
            TrainedFactors f = TrainedFactors.fromBytes(good);
            int n = f.factors();
            TrainedFactors lacking = new TrainedFactors(snap, TRAINER, n, f.users().subList(1, f.users().size()),
                    java.util.Arrays.copyOfRange(f.userVectors(), n, f.userVectors().length), f.items(), f.itemVectors(), Duration.ZERO);
            msg = refused(admin, "snapshot=" + snap, lacking.toBytes(), 400, "factors");
            assertTrue(msg.contains("user " + f.users().get(0)), msg);

            var decideKey = e.client(Scope.DECIDE).post("/v1/loops/shop/versions/factors?snapshot=" + snap, good, "application/octet-stream");
            assertEquals(403, decideKey.status(), decideKey.text());
            var anonymous = e.anonymous().post("/v1/loops/shop/versions/factors?snapshot=" + snap, good, "application/octet-stream");
            assertEquals(401, anonymous.status(), anonymous.text());
            assertEquals(1, admin.get("/v1/loops/shop/versions").body().get("versions").size(), "nothing refused was registered");
            assertTrue(admin.get("/v1/openapi.json").body().at("/paths").has("/v1/loops/{loop}/versions/factors"));
        }
    }

    /** Posts {@code body} with {@code query}; asserts the status and that the answer names {@code field}; answers the message. */
    private static String refused(FlywheelClient admin, String query, byte[] body, int status, String field) {
        var r = admin.post("/v1/loops/shop/versions/factors?" + query, body, "application/octet-stream");
        assertEquals(status, r.status(), query + ": " + r.text());
        assertTrue(r.text().contains(field), query + ": " + r.text());
        return r.body().get("error").asText();
    }

    private static long shadowed(RunningEngine e, String version) throws Exception {
        assertTrue(e.engine.awaitStream(20_000));
        assertTrue(e.engine.materializer().awaitSeq(e.engine.storageLog().nextSeq() - 1, 20_000));
        try (var c = e.engine.store().connect(); var s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT count(DISTINCT decision_id) FROM decision_shadows WHERE version = '" + version + "'")) {
            r.next();
            return r.getLong(1);
        }
    }

    /** Runs the command line; answers stdout, or stderr when it failed. */
    private static String cli(String... args) {
        var out = new java.io.ByteArrayOutputStream();
        var err = new java.io.ByteArrayOutputStream();
        var oldOut = System.out;
        var oldErr = System.err;
        System.setOut(new java.io.PrintStream(out, true));
        System.setErr(new java.io.PrintStream(err, true));
        int code;
        try {
            code = Flywheel.commandLine().execute(args);
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
        return code == 0 ? out.toString() : err.toString();
    }
}
