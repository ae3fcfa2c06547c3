package dev.flywheel.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.flywheel.auth.Scope;
import dev.flywheel.sim.client.FlywheelClient;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The engine sends the monitors' alerts to the configured webhook as they are raised, and a restart,
 * whose replay raises the old alerts again, does not send them twice. The alerts are real: a logged
 * loop whose like rate falls from one hour to the next (the numbers of LoopMonitorsTest's first case,
 * p = 0.035 against the level 0.05 that alpha = 0.1 spends on the first judged window).
 */
class AlertWebhookTest {
    private static final Instant T0 = Instant.parse("2026-11-27T10:00:00Z");
    private static final Duration HOUR = Duration.ofHours(1);

    @TempDir
    Path dir;

    @Test
    void alertsAreSentWhenRaisedAndNotAgainAfterARestart() throws Exception {
        List<JsonNode> received = new CopyOnWriteArrayList<>();
        HttpServer receiver = receiver(received);
        try {
            Map<String, Object> config = config("http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook");
            try (RunningEngine e = new RunningEngine(dir, config)) {
                likesFall(e, 0);
                await(() -> received.size() == 1);
                JsonNode a = received.get(0).get("alert");
                assertEquals(1, a.get("id").asLong());
                assertEquals("search", a.get("loop").asText());
                assertEquals("drift", a.get("monitor").asText());
                assertEquals("like_rate_change", a.get("statistic").asText());
                assertEquals(T0.plus(HOUR).toString(), a.at("/window/start").asText());
                assertEquals(-0.25, a.get("threshold").asDouble());
                // counted once the answer is back, a moment after the receiver has the alert
                await(() -> metrics(e).contains("flywheel_alerts_webhook_total{result=\"delivered\"} 1.0"));
            }
            try (RunningEngine e = new RunningEngine(dir, config)) {
                assertEquals(1, e.client(Scope.ADMIN).get("/v1/alerts").body().get("alerts").size(), "the replay raised it again");
                likesFall(e, 3); // the reference started again after the drift: hour 3 is the new one
                await(() -> received.size() == 2);
                Thread.sleep(300); // time for a wrongly resent first alert to arrive too
                assertEquals(2, received.size(), received.toString());
                JsonNode a = received.get(1).get("alert");
                assertEquals(2, a.get("id").asLong());
                assertEquals(T0.plus(HOUR.multipliedBy(4)).toString(), a.at("/window/start").asText());
                await(() -> metrics(e).contains("flywheel_alerts_webhook_total{result=\"delivered\"} 1.0"));
                String counted = metrics(e);
                assertTrue(counted.contains("flywheel_alerts_webhook_total{result=\"failed\"} 0.0"), counted);
                assertTrue(counted.contains("flywheel_alerts_webhook_total{result=\"dropped\"} 0.0"), counted);
            }
        } finally {
            receiver.stop(0);
        }
    }

    private static Map<String, Object> config(String url) {
        Map<String, Object> loop = Map.of("name", "search", "model", "external", "window", "10m",
                "reward", Map.of("weights", Map.of("like", 1.0)),
                "quality", Map.of("min_impressions", 1, "baseline", 1, "alpha", 0.1, "contamination", false));
        return Map.of("loops", List.of(loop), "alerts", Map.of("webhook", Map.of("url", url, "backoff", "10ms")));
    }

    /**
     * Hour {@code h}: four decisions of five items liked 2, 1, 0 and 3 times; hour h + 1: 0, 0, 1 and 0
     * times; then an event late enough that every outcome has closed and both hours are judged.
     */
    private static void likesFall(RunningEngine e, int h) {
        FlywheelClient ingest = e.client(Scope.INGEST);
        hour(ingest, h, new int[] {2, 1, 0, 3});
        hour(ingest, h + 1, new int[] {0, 0, 1, 0});
        Instant later = T0.plus(HOUR.multipliedBy(h + 2)).plus(Duration.ofMinutes(30));
        assertTrue(ingest.post("/v1/events", event("late-" + h, later, "u-other", null, "p9")).ok());
    }

    private static void hour(FlywheelClient ingest, int h, int[] likes) {
        Instant start = T0.plus(HOUR.multipliedBy(h));
        List<Map<String, Object>> decisions = new ArrayList<>();
        List<Map<String, Object>> events = new ArrayList<>();
        for (int d = 0; d < likes.length; d++) {
            String id = "h" + h + "d" + d;
            List<Map<String, Object>> items = new ArrayList<>();
            for (int i = 0; i < 5; i++) items.add(Map.of("item", "p" + i, "position", i + 1, "score", 1.0, "propensity", 1.0));
            decisions.add(Map.of("id", id, "loop", "search", "user", "u" + d, "timestamp", start.plusSeconds(d).toString(),
                    "model", "ext-v1", "arm", "champion", "items", items));
            for (int i = 0; i < likes[d]; i++) events.add(event(id + "-like" + i, start.plusSeconds(60 + d), "u" + d, id, "p" + i));
        }
        assertEquals(likes.length, ingest.post("/v1/decisions", Map.of("decisions", decisions)).body().get("accepted").asInt());
        if (!events.isEmpty()) assertTrue(ingest.post("/v1/events", Map.of("events", events)).ok());
    }

    private static Map<String, Object> event(String id, Instant at, String user, String decision, String item) {
        Map<String, Object> m = new HashMap<>(Map.of("id", id, "type", "like", "timestamp", at.toString(), "user", user,
                "loop", "search", "item", item));
        if (decision != null) m.put("decision", decision);
        return m;
    }

    private static String metrics(RunningEngine e) {
        return e.client(Scope.ADMIN).get("/metrics").text();
    }

    /** A webhook receiver that takes every alert. */
    private static HttpServer receiver(List<JsonNode> received) throws IOException {
        ObjectMapper json = new ObjectMapper();
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/hook", x -> {
            received.add(json.readTree(x.getRequestBody()));
            x.sendResponseHeaders(200, -1);
            x.close();
        });
        server.start();
        return server;
    }

    private static void await(BooleanSupplier done) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > deadline) throw new AssertionError("not reached within 30 s");
            Thread.sleep(20);
        }
    }
}
