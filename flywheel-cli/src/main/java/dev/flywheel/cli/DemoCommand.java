package dev.flywheel.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.flywheel.cli.engine.Engine;
import dev.flywheel.config.FlywheelConfig;
import dev.flywheel.sim.TrafficGenerator;
import dev.flywheel.sim.client.FlywheelClient;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code flywheel demo}: starts the engine on a temporary data directory, streams simulated feed
 * traffic through the HTTP API (with a few duplicates and bad records, as real clients send), and
 * prints what was stored.
 */
@Command(name = "demo", mixinStandardHelpOptions = true, description = "Run the engine on simulated traffic and show what it stored.")
public final class DemoCommand implements Runnable {
    @Option(names = "--seed", defaultValue = "42", description = "seed of the simulated traffic") long seed;
    @Option(names = "--views", defaultValue = "5000", description = "feed views to simulate") int views;
    @Option(names = "--users", defaultValue = "500", description = "simulated users") int users;
    @Option(names = "--json", description = "print one JSON object on stdout") boolean json;
    @Option(names = "--data", description = "data directory to keep (default: a temporary one, deleted after)") Path data;

    @Override
    public void run() {
        Path dir = data != null ? data : tempDir();
        try (Engine engine = Engine.open(dir, FlywheelConfig.defaults().withPort(0), Clock.systemUTC(), null)) {
            int port = engine.start();
            System.err.printf("demo: engine on http://127.0.0.1:%d, data in %s%n", port, dir);
            URI base = URI.create("http://127.0.0.1:" + port + "/");
            String admin = read(dir.resolve("admin.key"));
            FlywheelClient adminClient = new FlywheelClient(base, admin);
            String ingestKey = adminClient.post("/v1/keys", Map.of("scopes", java.util.List.of("ingest"), "name", "demo")).body().get("key").asText();
            ObjectNode sent = stream(new FlywheelClient(base, ingestKey));
            engine.materializer().awaitCurrent(10_000);
            ObjectNode out = report(adminClient, engine, sent);
            if (json) System.out.println(out.toPrettyString());
            else printTable(out);
        } finally {
            if (data == null) deleteQuietly(dir);
        }
    }

    private ObjectNode stream(FlywheelClient client) {
        ObjectMapper m = client.json();
        TrafficGenerator gen = new TrafficGenerator(seed, users, 200, Instant.now().minusSeconds(3600));
        ObjectNode sent = m.createObjectNode();
        ArrayNode decisions = m.createArrayNode();
        ArrayNode events = m.createArrayNode();
        long accepted = 0;
        long duplicates = 0;
        long rejected = 0;
        Progress progress = new Progress("streaming", views);
        for (int i = 0; i < views; i++) {
            TrafficGenerator.View v = gen.next();
            decisions.add(v.decision());
            events.addAll(v.events());
            if (decisions.size() >= 250 || i == views - 1) {
                JsonNode d = client.post("/v1/decisions", Map.of("decisions", decisions)).body();
                JsonNode e = client.post("/v1/events", Map.of("events", events)).body();
                // a client that retries after a timeout sends the same events again: stored once
                JsonNode again = i < 300 ? client.post("/v1/events", Map.of("events", events)).body() : null;
                accepted += d.get("accepted").asLong() + e.get("accepted").asLong();
                duplicates += again == null ? 0 : again.get("duplicates").asLong();
                decisions.removeAll();
                events.removeAll();
            }
            progress.step(i + 1);
        }
        progress.done();
        JsonNode bad = client.post("/v1/events", badBatch(m)).body();
        rejected += bad.get("rejected").size();
        sent.put("accepted", accepted).put("duplicates_resent", duplicates).put("rejected", rejected);
        sent.set("rejection_example", bad.get("rejected").get(0));
        return sent;
    }

    private static ObjectNode badBatch(ObjectMapper m) {
        ObjectNode body = m.createObjectNode();
        ArrayNode arr = body.putArray("events");
        arr.addObject().put("id", "bad-1").put("type", "click").put("user", "u1");                       // no timestamp
        arr.addObject().put("id", "bad-2").put("type", "rating").put("user", "u1").put("timestamp", "2026-01-01T00:00:00Z"); // no value
        arr.addObject().put("type", "like").put("user", "u1").put("timestamp", "yesterday");              // no id, bad time
        return body;
    }

    private static ObjectNode report(FlywheelClient admin, Engine engine, ObjectNode sent) {
        ObjectNode out = new ObjectMapper().createObjectNode();
        out.set("sent", sent);
        out.set("status", admin.get("/v1/status").body());
        ObjectNode byType = out.putObject("events_by_type");
        try (Connection c = engine.store().connect(); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT type, count(*) FROM events GROUP BY type ORDER BY 2 DESC")) {
            while (r.next()) byType.put(r.getString(1), r.getLong(2));
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException("cannot query the store: " + e.getMessage(), e);
        }
        out.set("quarantine", admin.get("/v1/quarantine?limit=3").body());
        return out;
    }

    private static void printTable(ObjectNode out) {
        JsonNode st = out.get("status");
        System.out.printf("%nstored: %d events, %d decisions, %d quarantined (resent duplicates ignored: %d)%n",
                st.get("events").asLong(), st.get("decisions").asLong(), st.get("quarantined").asLong(),
                out.get("sent").get("duplicates_resent").asLong());
        System.out.printf("%n%-14s %10s%n", "event type", "count");
        out.get("events_by_type").fields().forEachRemaining(f -> System.out.printf("%-14s %10d%n", f.getKey(), f.getValue().asLong()));
        System.out.println("\nquarantine (newest first):");
        for (JsonNode q : out.get("quarantine").get("items")) {
            System.out.printf("  #%d %s[%d] id=%s: %s%n", q.get("seq").asLong(), q.get("source").asText(),
                    q.get("index").asInt(), q.get("id").asText(), q.get("reason").asText());
        }
    }

    private static String read(Path p) {
        try {
            return Files.readString(p).trim();
        } catch (java.io.IOException e) {
            throw new IllegalStateException("cannot read " + p, e);
        }
    }

    private static Path tempDir() {
        try {
            return Files.createTempDirectory("flywheel-demo");
        } catch (java.io.IOException e) {
            throw new IllegalStateException("cannot create a temporary directory", e);
        }
    }

    static void deleteQuietly(Path dir) {
        try (var s = Files.walk(dir)) {
            s.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (java.io.IOException ignored) {
            // a temporary directory left behind is harmless
        }
    }
}
