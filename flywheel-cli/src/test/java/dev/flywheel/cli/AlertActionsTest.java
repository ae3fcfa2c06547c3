package dev.flywheel.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.flywheel.auth.Scope;
import dev.flywheel.model.VersionRecord;
import dev.flywheel.quality.Alert;
import dev.flywheel.rollout.AuditRecord;
import dev.flywheel.rollout.AuditRecord.Action;
import dev.flywheel.rollout.ModelLifecycle;
import dev.flywheel.sim.SimClock;
import dev.flywheel.sim.client.FlywheelClient;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The configured actions of alerts on a running engine: retrain, pause_canary, review. The alerts are
 * raised on the engine's own board ({@code topology().alerts().raise}) after its start made it live,
 * as a monitor raises them on the runner's thread: the monitors themselves are tested on real traffic
 * in LoopMonitorsTest and FeedbackFaultsDemoTest; here what matters is what an alert does.
 */
class AlertActionsTest {
    private static final Instant T0 = Instant.parse("2026-06-01T00:00:00Z");
    @TempDir
    Path dir;

    private static Map<String, ?> config(String... actions) {
        return Map.of("autopilot", Map.of("tick", "0s"), "loops", List.of(Map.of("name", "shop", "model", "content-bandit",
                "k", 3, "window", "5m", "reward", Map.of("weights", Map.of("click", 1.0)),
                "rollout", Map.of("canary", 0.2, "holdout", 0.1, "initial", "frozen"), "quality", Map.of("actions", List.of(actions)))));
    }

    private static Alert alert(String monitor, List<String> users, List<String> items, long seq) {
        String statistic = monitor.equals("drift") ? "click_rate_change" : "click_through_robust_z";
        return new Alert(0, "shop", monitor, T0, T0.plusSeconds(3600), statistic, monitor.equals("drift") ? -0.4 : 6.5,
                monitor.equals("drift") ? -0.25 : 3.5, "numbers behind it", users, items, seq);
    }

    private static Alert raise(RunningEngine e, Alert a) {
        return e.engine.topology().alerts().raise(a);
    }

    private static void items(RunningEngine e) {
        List<Map<String, Object>> items = new ArrayList<>();
        for (int i = 0; i < 12; i++) items.add(Map.of("id", "p" + i, "title", "product " + i, "body", "kind" + (i % 3) + " thing"));
        assertTrue(e.client(Scope.INGEST).post("/v1/items", Map.of("items", items)).ok());
    }

    /** 200 decisions over 50 users, every other first item clicked; then every window closes and the store holds it all. */
    private static void traffic(RunningEngine e, SimClock clock) {
        items(e);
        for (int i = 0; i < 200; i++) {
            clock.advanceTo(T0.plusSeconds(10L * (i + 1)));
            String user = "u" + (i % 50);
            JsonNode d = e.client(Scope.DECIDE).post("/v1/loops/shop/decide", Map.of("user", user)).body();
            if (i % 2 == 1) continue;
            assertTrue(e.client(Scope.INGEST).post("/v1/events", Map.of("events", List.of(RetrainingTest.event("c" + i, "click",
                    clock.instant().plusSeconds(2), user, d.get("decision").asText(), d.at("/items/0/item").asText(), null)))).ok());
        }
        clock.advanceTo(clock.instant().plusSeconds(3600));
        e.client(Scope.DECIDE).post("/v1/loops/shop/decide", Map.of("user", "late"));
        assertTrue(e.engine.awaitStream(20_000));
        assertTrue(e.engine.materializer().awaitSeq(e.engine.storageLog().nextSeq() - 1, 20_000));
    }

    @Test
    void aDriftAlertStartsExactlyOneRetrainingNamedAfterIt() {
        SimClock clock = new SimClock(T0);
        try (RunningEngine e = new RunningEngine(dir, config("retrain"), clock)) {
            traffic(e, clock);
            assertEquals(List.of(), e.engine.autopilot().tick(), "no trigger fires without an alert");
            raise(e, alert("bots", List.of("u1"), List.of(), e.engine.storageLog().nextSeq() - 1));
            assertEquals(List.of(), e.engine.autopilot().tick(), "only drift retrains");
            Alert drift = raise(e, alert("drift", List.of(), List.of(), e.engine.storageLog().nextSeq() - 1));
            List<AuditRecord> made = e.engine.autopilot().tick();
            assertEquals(1, made.size(), made.toString());
            JsonNode versions = e.client(Scope.DECIDE).get("/v1/loops/shop/versions").body();
            assertEquals("drift", versions.at("/versions/1/trigger").asText(), versions.toString());
            assertEquals("shadow", versions.at("/versions/1/status").asText());
            AuditRecord register = e.engine.lifecycle().read("shop", l -> l.audit().get(l.audit().size() - 2));
            assertEquals(Action.REGISTER, register.action());
            assertEquals("rule:trigger-drift", register.actor());
            assertTrue(register.reason().startsWith("drift alert " + drift.id() + ": click_rate_change -0.4"), register.reason());

            // the challenger ends without a verdict; the same alert must not retrain again
            e.engine.lifecycle().change("shop", Action.RETIRE, "v2", "key:test", "make room", Map.of());
            assertEquals(List.of(), e.engine.autopilot().tick());
            assertEquals(2, (int) e.engine.lifecycle().read("shop", l -> l.versions().size()));
        }
    }

    /** Registers a frozen copy of the live model as v2 and starts its canary through the API. */
    private static void canary(RunningEngine e) {
        ModelLifecycle life = e.engine.lifecycle();
        String state = life.states().put(e.engine.topology().loop("shop").model().state().get());
        life.register(new VersionRecord("shop", "v2", "content-bandit", Map.of(), null, life.code(), "v1", "manual",
                VersionRecord.Mode.FROZEN, T0, Map.of(), state), "key:test", "a frozen copy");
        life.change("shop", Action.SHADOW, "v2", "key:test", "look first", Map.of());
        assertEquals(200, e.client(Scope.ADMIN).post("/v1/loops/shop/versions/v2/canary", Map.of("reason", "shadow looked fine")).status());
    }

    /** The arms of 200 users (unlogged: only the assignment matters). */
    private static Map<String, Integer> arms(RunningEngine e) {
        Map<String, Integer> arms = new HashMap<>();
        FlywheelClient decide = e.client(Scope.DECIDE);
        for (int u = 0; u < 200; u++) {
            JsonNode d = decide.post("/v1/loops/shop/decide", Map.of("user", "u" + u, "log", false)).body();
            arms.merge(d.get("arm").asText(), 1, Integer::sum);
        }
        return arms;
    }

    @Test
    void aBotsAlertPausesTheCanaryUntilAPersonStartsItAgainAcrossARestart() {
        SimClock clock = new SimClock(T0);
        Alert bots;
        try (RunningEngine e = new RunningEngine(dir, config("pause_canary"), clock)) {
            items(e);
            canary(e);
            assertTrue(arms(e).getOrDefault("canary", 0) > 20);
            clock.advanceTo(T0.plusSeconds(60));
            bots = raise(e, alert("bots", List.of("u1", "u2"), List.of(), 1));
            JsonNode state = e.client(Scope.DECIDE).get("/v1/loops/shop/state").body();
            assertEquals("paused", state.get("stage").asText(), state.toString());
            assertEquals("v2", state.get("challenger").asText());
            assertTrue(state.at("/arms/canary").isMissingNode(), state.toString());
            assertFalse(arms(e).containsKey("canary"), "the champion serves the canary's share");
            JsonNode pause = last(e);
            assertEquals("pause", pause.get("action").asText());
            assertEquals("monitor", pause.get("actor").asText());
            assertTrue(pause.get("reason").asText().startsWith("bots alert " + bots.id() + ": click_through_robust_z 6.5"), pause.toString());
            assertEquals(bots.id(), pause.at("/numbers/alert").asLong(), pause.toString());
            raise(e, alert("drift", List.of(), List.of(), 2));
            assertEquals(pause, last(e), "nothing left to pause");
            assertEquals(0, e.engine.autopilot().tick().size(), "no rule judges a paused canary");
        }
        try (RunningEngine e = new RunningEngine(dir, config("pause_canary"), clock)) {
            assertEquals("paused", e.client(Scope.DECIDE).get("/v1/loops/shop/versions/v2").body().get("status").asText());
            assertFalse(arms(e).containsKey("canary"), "still paused after the restart");
            clock.advanceTo(T0.plusSeconds(120));
            assertEquals(200, e.client(Scope.ADMIN).post("/v1/loops/shop/versions/v2/canary", Map.of("reason", "bots excluded")).status());
            assertTrue(arms(e).getOrDefault("canary", 0) > 20, "started again by a person");
        }
    }

    @Test
    void aLoopWithoutTheActionsKeepsItsCanaryAndQueuesNoTask() {
        try (RunningEngine e = new RunningEngine(dir, config("exclude"), new SimClock(T0))) {
            items(e);
            canary(e);
            raise(e, alert("bots", List.of("u1"), List.of(), 1));
            assertEquals("canary", e.client(Scope.DECIDE).get("/v1/loops/shop/state").body().get("stage").asText());
            assertEquals(0, e.client(Scope.REVIEW).get("/v1/review/tasks").body().get("total").asLong());
        }
    }

    private static JsonNode last(RunningEngine e) {
        JsonNode audit = e.client(Scope.DECIDE).get("/v1/loops/shop/audit").body().get("audit");
        return audit.get(audit.size() - 1);
    }

    @Test
    void theUsersAndItemsAnAlertNamesBecomeOpenReviewTasksKeptAcrossARestart() {
        SimClock clock = new SimClock(T0);
        try (RunningEngine e = new RunningEngine(dir, config("review"), clock)) {
            Alert bots = raise(e, alert("bots", List.of("u1", "u2", "u3"), List.of(), 1));
            Alert clickbait = raise(e, alert("clickbait", List.of(), List.of("p1"), 2));
            raise(e, alert("drift", List.of(), List.of(), 3));
            FlywheelClient review = e.client(Scope.REVIEW);
            JsonNode all = review.get("/v1/review/tasks?loop=shop&status=open").body();
            assertEquals(4, all.get("total").asLong(), all.toString());
            JsonNode tasks = all.get("tasks");
            assertEquals(List.of("u1", "u2", "u3", "p1"), List.of(tasks.at("/0/subject").asText(), tasks.at("/1/subject").asText(),
                    tasks.at("/2/subject").asText(), tasks.at("/3/subject").asText()));
            assertEquals("user", tasks.at("/0/kind").asText());
            assertEquals(bots.id(), tasks.at("/0/alert").asLong());
            assertEquals("bots", tasks.at("/0/monitor").asText());
            assertEquals("open", tasks.at("/0/status").asText());
            assertTrue(tasks.at("/0/reason").asText().startsWith("bots alert " + bots.id()), tasks.toString());
            assertEquals("item", tasks.at("/3/kind").asText());
            assertEquals(clickbait.id(), tasks.at("/3/alert").asLong());
            JsonNode page = review.get("/v1/review/tasks?offset=2&limit=1").body();
            assertEquals("u3", page.at("/tasks/0/subject").asText(), page.toString());
            assertEquals(1, page.get("tasks").size());
            refused(review, "status=done", "status");
            refused(review, "limit=0", "limit");
            refused(review, "offset=-1", "offset");
            refused(review, "loop=nope", "loop");
            assertEquals(403, e.client(Scope.DECIDE).get("/v1/review/tasks").status());
            assertEquals(200, e.client(Scope.ADMIN).get("/v1/review/tasks").status());

            List<String> many = new ArrayList<>();
            for (int i = 0; i < 150; i++) many.add("bot" + i);
            raise(e, alert("bots", many, List.of(), 4));
            assertEquals(4 + 100, review.get("/v1/review/tasks").body().get("total").asLong(), "at most 100 tasks per alert");
        }
        try (RunningEngine e = new RunningEngine(dir, config("review"), clock)) {
            JsonNode again = e.client(Scope.REVIEW).get("/v1/review/tasks?loop=shop&limit=1").body();
            assertEquals(104, again.get("total").asLong(), "kept in the table across the restart");
            assertEquals("u1", again.at("/tasks/0/subject").asText());
        }
    }

    private static void refused(FlywheelClient client, String query, String field) {
        FlywheelClient.Answer a = client.get("/v1/review/tasks?" + query);
        assertEquals(400, a.status(), a.text());
        assertEquals(field, a.body().at("/errors/0/field").asText(), a.text());
    }
}
