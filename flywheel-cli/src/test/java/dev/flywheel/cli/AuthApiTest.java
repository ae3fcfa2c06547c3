package dev.flywheel.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flywheel.auth.Scope;
import dev.flywheel.sim.client.FlywheelClient;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Keys and scopes: who may call what. */
class AuthApiTest {
    @TempDir
    static Path dir;
    static RunningEngine engine;

    @BeforeAll
    static void start() {
        engine = new RunningEngine(dir, Map.of());
    }

    @AfterAll
    static void stop() {
        engine.close();
    }

    static Map<String, Object> event() {
        return Map.of("id", "a-" + System.nanoTime(), "type", "click", "timestamp", "2026-11-27T10:00:00Z", "user", "u");
    }

    @Test
    void everyEndpointButHealthNeedsAKey() {
        FlywheelClient anon = engine.anonymous();
        for (String path : List.of("/v1/status", "/v1/quarantine", "/v1/keys", "/v1/openapi.json", "/metrics")) {
            var a = anon.get(path);
            assertEquals(401, a.status(), path);
            assertEquals("Authorization", a.body().get("errors").get(0).get("field").asText());
        }
        assertEquals(401, anon.post("/v1/events", event()).status());
        assertEquals(401, new FlywheelClient(engine.base, "fw_not_a_key").post("/v1/events", event()).status());
        assertEquals(200, anon.get("/health").status());
    }

    @Test
    void eachScopeOpensOnlyItsEndpoints() {
        FlywheelClient ingest = engine.client(Scope.INGEST);
        assertEquals(200, ingest.post("/v1/events", event()).status());
        assertEquals(200, ingest.get("/v1/status").status());
        assertEquals(403, ingest.get("/v1/quarantine").status());
        assertEquals(403, ingest.post("/v1/keys", Map.of("scopes", List.of("ingest"))).status());
        for (Scope s : List.of(Scope.DECIDE, Scope.REVIEW)) {
            var a = engine.client(s).post("/v1/events", event());
            assertEquals(403, a.status(), s.name());
            assertTrue(a.body().get("error").asText().contains("ingest"));
        }
        FlywheelClient admin = engine.client(Scope.ADMIN);
        assertEquals(200, admin.post("/v1/events", event()).status());
        assertEquals(200, admin.get("/v1/quarantine").status());
    }

    @Test
    void adminsMakeAndRevokeKeysThatWorkAtOnce() throws Exception {
        FlywheelClient admin = engine.client(Scope.ADMIN);
        var made = admin.post("/v1/keys", Map.of("scopes", List.of("ingest"), "name", "shop"));
        assertEquals(201, made.status(), made.text());
        String secret = made.body().get("key").asText();
        FlywheelClient shop = new FlywheelClient(engine.base, secret);
        assertEquals(200, shop.post("/v1/events", event()).status());
        String stored = Files.readString(dir.resolve("keys.tsv"));
        assertTrue(!stored.contains(secret) && stored.contains(made.body().get("id").asText()), "only the hash is stored");
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("keys.tsv"))));
        var gone = HttpClient.newHttpClient().send(HttpRequest.newBuilder(engine.base.resolve("/v1/keys/" + made.body().get("id").asText()))
                .header("Authorization", "Bearer " + RunningEngine.ADMIN_SECRET).DELETE().build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(204, gone.statusCode());
        assertEquals(401, shop.post("/v1/events", event()).status());
        assertEquals("scopes[0]", admin.post("/v1/keys", Map.of("scopes", List.of("root"))).body().get("errors").get(0).get("field").asText());
    }

    @Test
    void aKeyMadeByTheCommandBesideTheRunningServerIsAccepted() throws Exception {
        var out = new java.io.ByteArrayOutputStream();
        var old = System.out;
        System.setOut(new java.io.PrintStream(out, true));
        int code;
        try {
            code = Flywheel.commandLine().execute("keys", "create", "--data", dir.toString(), "--scope", "ingest", "--json");
        } finally {
            System.setOut(old);
        }
        assertEquals(0, code);
        String secret = new com.fasterxml.jackson.databind.ObjectMapper().readTree(out.toString()).get("key").asText();
        FlywheelClient c = new FlywheelClient(engine.base, secret);
        long deadline = System.currentTimeMillis() + 5_000;
        int status;
        do {
            status = c.post("/v1/events", event()).status();
            if (status != 200) Thread.sleep(100);
        } while (status != 200 && System.currentTimeMillis() < deadline);
        assertEquals(200, status, "the server picks up keys.tsv changes within a second");
    }
}
