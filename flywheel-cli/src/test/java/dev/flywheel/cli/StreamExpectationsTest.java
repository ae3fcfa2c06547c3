package dev.flywheel.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.flywheel.auth.Scope;
import dev.flywheel.config.ConfigException;
import dev.flywheel.config.FlywheelConfig;
import dev.flywheel.sim.client.FlywheelClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Expectation suites from {@code flywheel.yaml} on the stream: a row-level expectation refuses the
 * event that breaks it into the quarantine, naming the suite and the expectation; window-level
 * expectations (volume, distinct users) raise alerts for the windows that break them and for no other.
 */
class StreamExpectationsTest {
    private static final Instant T0 = Instant.parse("2026-05-04T10:00:00Z");
    @TempDir
    Path dir;

    private static Map<String, Object> suite() {
        // GX 0.x layout, as a suite file would hold it
        return Map.of("expectation_suite_name", "feedback", "expectations", List.of(
                Map.of("expectation_type", "expect_column_values_to_be_between",
                        "kwargs", Map.of("column", "value", "min_value", 0, "max_value", 3600)),
                Map.of("expectation_type", "expect_table_row_count_to_be_between", "kwargs", Map.of("min_value", 20)),
                Map.of("expectation_type", "expect_column_unique_value_count_to_be_between",
                        "kwargs", Map.of("column", "user", "min_value", 3))));
    }

    private static Map<String, Object> event(int n, String user, Instant at, double seconds) {
        Map<String, Object> e = new HashMap<>();
        e.put("id", "e" + n);
        e.put("type", "dwell");
        e.put("timestamp", at.toString());
        e.put("user", user);
        e.put("item", "i" + (n % 7));
        e.put("value", seconds);
        return e;
    }

    @Test
    void rowFailuresAreQuarantinedNamingTheExpectationAndWindowFailuresAlert() {
        Map<String, Object> config = Map.of("loops", List.of(Map.of("name", "feed", "model", "external")),
                "expectations", List.of(Map.of("suite", suite(), "event_types", List.of("dwell"), "window", "1h")));
        try (RunningEngine e = new RunningEngine(dir, config)) {
            FlywheelClient ingest = e.client(Scope.INGEST);
            List<Map<String, Object>> first = new ArrayList<>();
            for (int i = 0; i < 30; i++) first.add(event(i, "u" + (i % 5), T0.plusSeconds(60 * i), 12));
            first.add(event(99, "u1", T0.plusSeconds(100), 99_999)); // a dwell of 28 hours: broken
            JsonNode a = ingest.post("/v1/events", Map.of("events", first)).body();
            assertEquals(30, a.get("accepted").asInt());
            JsonNode err = a.get("rejected").get(0).get("errors").get(0);
            assertEquals("value", err.get("field").asText());
            assertTrue(err.get("message").asText().contains("expect_column_values_to_be_between(value)")
                    && err.get("message").asText().contains("suite feedback"), err.toString());
            // the next hour: 8 events from one user (too few, too few users); then a later event closes it
            List<Map<String, Object>> second = new ArrayList<>();
            for (int i = 0; i < 8; i++) second.add(event(100 + i, "u9", T0.plusSeconds(3600 + 60 * i), 5));
            second.add(event(200, "u2", T0.plusSeconds(3 * 3600), 5));
            assertEquals(9, ingest.post("/v1/events", Map.of("events", second)).body().get("accepted").asInt());
            JsonNode alerts = e.client(Scope.ADMIN).get("/v1/alerts").body().get("alerts");
            List<String> statistics = new ArrayList<>();
            alerts.forEach(x -> {
                assertEquals("expectation", x.get("monitor").asText());
                assertEquals(T0.plusSeconds(3600).toString(), x.at("/window/start").asText(), x.toString());
                statistics.add(x.get("statistic").asText());
            });
            assertEquals(List.of("expectations[1] expect_table_row_count_to_be_between",
                    "expectations[2] expect_column_unique_value_count_to_be_between(user)"), statistics, alerts.toString());
            assertEquals(8.0, alerts.get(0).get("value").asDouble());
            assertEquals(1.0, alerts.get(1).get("value").asDouble());
            JsonNode q = e.client(Scope.ADMIN).get("/v1/quarantine?limit=1").body().get("items").get(0);
            assertTrue(q.get("reason").asText().contains("expect_column_values_to_be_between"), q.toString());
            assertEquals(400, e.client(Scope.ADMIN).get("/v1/alerts?since=yesterday").status());
            assertEquals(400, e.client(Scope.ADMIN).get("/v1/alerts?loop=nope").status());
        }
    }

    @Test
    void aSuiteFileIsReadBesideTheConfigAndItsErrorsNameTheKey() throws Exception {
        Files.writeString(dir.resolve("suite.json"), "{\"name\": \"s\", \"expectations\": [{\"type\": \"expect_column_values_to_be_between\","
                + " \"kwargs\": {\"column\": \"value\", \"min_value\": 0}}]}");
        Files.writeString(dir.resolve("flywheel.yaml"), "expectations:\n  - file: suite.json\n    event_types: [dwell]\n");
        FlywheelConfig cfg = ConfigFiles.load(dir.resolve("flywheel.yaml"));
        assertEquals("s", cfg.expectations().get(0).suite().name());
        Files.writeString(dir.resolve("bad.yaml"), "expectations:\n  - suite: {name: s, expectations: [{type: expect_nothing, kwargs: {}}]}\n");
        ConfigException bad = org.junit.jupiter.api.Assertions.assertThrows(ConfigException.class,
                () -> ConfigFiles.load(dir.resolve("bad.yaml")));
        assertTrue(bad.getMessage().startsWith("expectations[0].suite.expectations[0]"), bad.getMessage());
        Files.writeString(dir.resolve("missing.yaml"), "expectations:\n  - file: nowhere.json\n");
        ConfigException missing = org.junit.jupiter.api.Assertions.assertThrows(ConfigException.class,
                () -> ConfigFiles.load(dir.resolve("missing.yaml")));
        assertEquals("expectations[0].file", missing.key());
    }
}
