package dev.flywheel.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.flywheel.auth.Scope;
import dev.flywheel.model.VersionRecord;
import dev.flywheel.rollout.AuditRecord.Action;
import dev.flywheel.rollout.ModelLifecycle;
import dev.flywheel.sim.SimClock;
import dev.flywheel.sim.client.FlywheelClient;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The registry and rollout of a served loop over HTTP, across a restart. */
class ModelVersionsApiTest {
    private static final Instant T0 = Instant.parse("2026-06-01T00:00:00Z");
    @TempDir
    Path dir;

    private static Map<String, ?> config() {
        return Map.of("loops", List.of(Map.of("name", "shop", "model", "content-bandit", "k", 3,
                "reward", Map.of("weights", Map.of("click", 1.0)), "rollout", Map.of("canary", 0.2, "holdout", 0.1))));
    }

    private static void items(FlywheelClient ingest) {
        List<Map<String, Object>> items = new ArrayList<>();
        for (int i = 0; i < 12; i++) items.add(Map.of("id", "p" + i, "title", "product " + i, "body", "thing " + (i % 3)));
        assertTrue(ingest.post("/v1/items", Map.of("items", items)).ok());
    }

    /** Registers a frozen copy of the loop's live model as {@code v2}, as training will. */
    private static void registerV2(RunningEngine e) {
        ModelLifecycle life = e.engine.lifecycle();
        byte[] state = e.engine.topology().loop("shop").model().state().get();
        String id = life.states().put(state);
        life.register(new VersionRecord("shop", "v2", "content-bandit", Map.of(), null, life.code(), "v1", "manual",
                VersionRecord.Mode.FROZEN, T0, Map.of(), id), "key:test", "a frozen copy");
    }

    @Test
    void aVersionGoesFromShadowToCanaryToChampionAndEveryStepIsServedLoggedAndKeptAcrossARestart() throws Exception {
        SimClock clock = new SimClock(T0);
        Instant beforePromotion;
        try (RunningEngine e = new RunningEngine(dir, config(), clock)) {
            items(e.client(Scope.INGEST));
            JsonNode versions = e.client(Scope.DECIDE).get("/v1/loops/shop/versions").body();
            assertEquals("v1", versions.at("/state/champion").asText());
            assertEquals("v1", versions.at("/state/baseline").asText());
            assertEquals("online", versions.at("/versions/0/mode").asText());
            assertEquals("initial", versions.at("/versions/0/trigger").asText());

            registerV2(e);
            e.engine.lifecycle().change("shop", Action.SHADOW, "v2", "key:test", "look first", Map.of());
            Map<String, Integer> arms = decide(e, 0, 300);
            assertTrue(e.engine.awaitStream(10_000));
            assertEquals(arms.get("champion").intValue(), shadowedDecisions(e), "every champion decision carries v2's ranking");

            clock.advanceTo(T0.plusSeconds(60));
            e.engine.lifecycle().change("shop", Action.CANARY, "v2", "key:test", "shadow looked fine", Map.of());
            arms = decide(e, 0, 1000);
            assertEquals(0.2, arms.getOrDefault("canary", 0) / 1000.0, 0.04, arms.toString());
            assertEquals(0.1, arms.getOrDefault("holdout", 0) / 1000.0, 0.03, arms.toString());

            clock.advanceTo(T0.plusSeconds(120));
            beforePromotion = clock.instant().minusSeconds(1);
            JsonNode promoted = e.client(Scope.ADMIN).post("/v1/loops/shop/versions/v2/promote", Map.of("reason", "by hand")).body();
            assertEquals("promote", promoted.at("/audit/action").asText());
            assertTrue(promoted.at("/audit/actor").asText().startsWith("key:"), promoted.toString());
            assertEquals("v2", promoted.at("/state/champion").asText());
        }
        try (RunningEngine e = new RunningEngine(dir, config(), clock)) {
            JsonNode versions = e.client(Scope.DECIDE).get("/v1/loops/shop/versions").body();
            assertEquals("v2", versions.at("/state/champion").asText(), versions.toString());
            assertEquals("v1", versions.at("/state/baseline").asText());
            assertEquals("retired", versions.at("/versions/0/status").asText());
            assertEquals("champion", versions.at("/versions/1/status").asText());
            JsonNode then = e.client(Scope.DECIDE).get("/v1/loops/shop/state?at=" + beforePromotion).body();
            assertEquals("v1", then.get("champion").asText(), then.toString());
            assertEquals("v2", then.at("/arms/canary/version").asText(), then.toString());
            JsonNode served = e.client(Scope.DECIDE).post("/v1/loops/shop/decide", Map.of("user", "u-new-1")).body();
            assertTrue(List.of("v2", "v1").contains(served.get("model").asText()));
            assertEquals(6, e.client(Scope.DECIDE).get("/v1/loops/shop/audit").body().get("audit").size(),
                    "register, promote v1; register, shadow, canary, promote v2");
        }
    }

    @Test
    void changesThatCannotBeMadeAreRefusedWithTheReasonAndWithoutAdminScope() {
        try (RunningEngine e = new RunningEngine(dir, config(), new SimClock(T0))) {
            registerV2(e);
            FlywheelClient admin = e.client(Scope.ADMIN);
            var unknown = admin.post("/v1/loops/shop/versions/v7/promote", Map.of());
            assertEquals(404, unknown.status(), unknown.text());
            var first = admin.post("/v1/loops/shop/versions/v1/rollback", Map.of());
            assertEquals(409, first.status(), first.text());
            assertTrue(first.text().contains("nothing to roll back to"), first.text());
            assertEquals(403, e.client(Scope.DECIDE).post("/v1/loops/shop/versions/v2/promote", Map.of()).status());
            var badSplit = admin.put("/v1/loops/shop/rollout", Map.of("holdout", 0.9));
            assertEquals(400, badSplit.status(), badSplit.text());
            assertTrue(badSplit.text().contains("holdout"), badSplit.text());
            var split = admin.put("/v1/loops/shop/rollout", Map.of("holdout", 0.2, "reason", "measure longer"));
            assertEquals(200, split.status(), split.text());
            assertEquals(0.2, split.body().at("/state/allocation/holdout").asDouble());
            assertEquals(404, admin.get("/v1/loops/nope/versions").status());
        }
    }

    @Test
    void theModelsCommandWorksThroughTheApiAndTheLedgerIsReadFromAStoppedEngine() throws Exception {
        try (RunningEngine e = new RunningEngine(dir, config(), new SimClock(T0))) {
            registerV2(e);
            String url = e.base.toString();
            String[] promote = {"models", "promote", "v2", "--loop", "shop", "--url", url, "--key", RunningEngine.ADMIN_SECRET,
                "--reason", "from the test", "--json"};
            JsonNode promoted = json(cli(promote));
            assertEquals("v2", promoted.at("/state/champion").asText(), promoted.toString());
            assertTrue(promoted.at("/audit/actor").asText().startsWith("key:"));
            JsonNode list = json(cli("models", "list", "--loop", "shop", "--url", url, "--key", RunningEngine.ADMIN_SECRET, "--json"));
            assertEquals(List.of("retired", "champion"), List.of(list.at("/versions/0/status").asText(), list.at("/versions/1/status").asText()));
            String refused = cli("models", "rollback", "v1", "--loop", "shop", "--url", url, "--key", RunningEngine.ADMIN_SECRET);
            assertTrue(refused.contains("409"), refused);
        }
        JsonNode ledger = json(cli("analyze", "ledger", "--data", dir.toString(), "--loop", "shop", "--json"));
        assertEquals("shop", ledger.get("loop").asText());
        assertEquals(List.of("v1", "v2"), List.of(ledger.at("/versions/0/version").asText(), ledger.at("/versions/1/version").asText()));
        assertEquals("v1", ledger.at("/versions/1/parent").asText());
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

    private static JsonNode json(String s) throws Exception {
        return new com.fasterxml.jackson.databind.ObjectMapper().readTree(s);
    }

    private static Map<String, Integer> decide(RunningEngine e, int from, int to) {
        Map<String, Integer> arms = new HashMap<>();
        FlywheelClient decide = e.client(Scope.DECIDE);
        for (int u = from; u < to; u++) {
            JsonNode r = decide.post("/v1/loops/shop/decide", Map.of("user", "u" + u)).body();
            String arm = r.get("arm").asText();
            arms.merge(arm, 1, Integer::sum);
            double p = r.get("arm_probability").asDouble();
            switch (arm) {
                case "holdout" -> assertEquals("v1", r.get("model").asText());
                case "canary" -> assertEquals(0.2, p, 1e-12);
                default -> assertEquals("v1", r.get("model").asText());
            }
        }
        return arms;
    }

    /** Waits until the store holds every decision the engine logged so far. */
    private static boolean awaitStore(RunningEngine e) {
        long last = e.engine.storageLog().nextSeq() - 1;
        return e.engine.materializer().awaitSeq(last, 10_000);
    }

    private static long shadowedDecisions(RunningEngine e) throws Exception {
        assertTrue(awaitStore(e));
        try (var c = e.engine.store().connect(); var s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT count(DISTINCT decision_id) FROM decision_shadows WHERE version = 'v2'")) {
            r.next();
            return r.getLong(1);
        }
    }
}
