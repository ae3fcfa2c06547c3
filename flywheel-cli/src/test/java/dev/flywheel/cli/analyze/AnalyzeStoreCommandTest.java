package dev.flywheel.cli.analyze;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.flywheel.cli.engine.Engine;
import dev.flywheel.config.FlywheelConfig;
import dev.flywheel.decision.Decision;
import dev.flywheel.decision.ServedItem;
import dev.flywheel.event.Event;
import dev.flywheel.log.LogEntry;
import dev.flywheel.store.duckdb.DuckDbRecordStore;
import dev.flywheel.store.file.SegmentedFileLog;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code analyze experiment|ope --data}: a store small enough to check every number by hand. */
class AnalyzeStoreCommandTest {
    @TempDir
    Path dir;
    private final List<LogEntry> entries = new ArrayList<>();
    private final Instant t0 = Instant.parse("2026-11-01T00:00:00Z");

    /**
     * Arm A: users a1 (2 decisions, 4 impressions, 1 like), a2 (1, 2, 0), a3 (1, 2, 2);
     * arm B: b1 (1, 2, 2), b2 (1, 2, 1), b3 (1, 2, 1), with a purchase of 10 by b1; m1 saw both arms.
     */
    @BeforeEach
    void fill() {
        decide("a1", "A", 0);
        decide("a1", "A", 1);
        decide("a2", "A", 0);
        decide("a3", "A", 2);
        decide("b1", "B", 2);
        decide("b2", "B", 1);
        decide("b3", "B", 1);
        decide("m1", "A", 2);
        decide("m1", "B", 2);
        event("purchase", "b1", "d4", null, 10.0);
        SegmentedFileLog log = new SegmentedFileLog(dir.resolve("log"), false, 1 << 20);
        log.append(entries);
        log.close();
        try (DuckDbRecordStore store = new DuckDbRecordStore(dir.resolve("store.duckdb"))) {
            store.apply(entries);
        }
    }

    /** Two items at propensity 0.5 each; the first {@code likes} of them get a like. */
    private void decide(String user, String arm, int likes) {
        String id = "d" + entries.stream().filter(e -> e instanceof LogEntry.DecisionEntry).count();
        entries.add(new LogEntry.DecisionEntry(entries.size(), 0, new Decision(id, "feed", user, t0, "m", arm,
                List.of(new ServedItem("x", 1, 0.2, 0.5), new ServedItem("y", 2, 0.9, 0.5)), List.of(), null)));
        for (int i = 0; i < 2; i++) {
            String item = i == 0 ? "x" : "y";
            event("impression", user, id, item, null);
            if (i < likes) {
                event("like", user, id, item, null);
            }
        }
    }

    private void event(String type, String user, String decision, String item, Double value) {
        entries.add(new LogEntry.EventEntry(entries.size(), 0, new Event("e" + entries.size(), type, t0, user, null,
                decision, "feed", item, value, null)));
    }

    /**
     * A user enters the funnel in the group of their first impression (log order): m1 saw arm A
     * first. Arm A: a1, a2, a3, m1 saw impressions, a1, a3, m1 liked; arm B: b1, b2, b3 saw and liked.
     */
    @Test
    void funnelFromTheStoreByArm() throws IOException {
        AnalyzeCommandTest.Run r = AnalyzeCommandTest.run("funnel", "--data", dir.toString(), "--loop", "feed",
                "--steps", "impression,like", "--window", "1h", "--by", "arm", "--json");
        assertEquals(0, r.exit(), r.err());
        JsonNode groups = r.json().get("groups");
        assertEquals(4, groups.get("A").get(0).get("users").asInt());
        assertEquals(3, groups.get("A").get(1).get("users").asInt());
        assertEquals(0.75, groups.get("A").get(1).get("conversion").asDouble(), 1e-12);
        assertEquals(3, groups.get("B").get(1).get("users").asInt());
        AnalyzeCommandTest.Run bad = AnalyzeCommandTest.run("funnel", "--data", dir.toString(), "--loop", "feed",
                "--steps", "impression,like", "--by", "segment");
        assertEquals(2, bad.exit());
        assertTrue(bad.err().contains("--by"), bad.err());
    }

    @Test
    void experimentFromTheStore() throws IOException {
        AnalyzeCommandTest.Run r = AnalyzeCommandTest.run("experiment", "--data", dir.toString(), "--loop", "feed",
                "--control", "A", "--metric", "like", "--metric", "like/impression", "--metric", "purchase:value",
                "--json");
        assertEquals(0, r.exit(), r.err());
        JsonNode root = r.json();
        assertEquals(1, root.get("mixed").asInt());
        assertEquals(6, root.get("users").asInt());
        assertEquals(1.0, root.at("/metrics/like/arms/A/mean").asDouble(), 1e-12);
        assertEquals(4 / 3.0, root.at("/metrics/like/arms/B/mean").asDouble(), 1e-12);
        assertEquals(3 / 8.0, root.at("/metrics/like~1impression/arms/A/mean").asDouble(), 1e-12);
        assertEquals(4 / 6.0, root.at("/metrics/like~1impression/arms/B/mean").asDouble(), 1e-12);
        assertEquals(10 / 3.0, root.at("/metrics/purchase:value/arms/B/diff").asDouble(), 1e-12);
        assertEquals(3, root.at("/srm/observed/B").asInt());
    }

    @Test
    void opeOfTheLoggerAndOfGreedy() throws IOException {
        Path config = dir.resolve("likes.yaml");
        Files.writeString(config, "loops:\n  - name: feed\n    model: external\n    reward: {weights: {like: 1}}\n");
        JsonNode logged = AnalyzeCommandTest.run("ope", "--data", dir.toString(), "--loop", "feed", "--target",
                "logged", "--config", config.toString(), "--json").json();
        // 18 served rows (9 decisions), 11 liked: a1 1, a3 2, b1 2, b2 1, b3 1, m1 4
        assertEquals(11 / 18.0, logged.at("/estimators/ips/value").asDouble(), 1e-12);
        assertEquals(11 / 18.0, logged.at("/on_policy/rate").asDouble(), 1e-12);
        JsonNode greedy = AnalyzeCommandTest.run("ope", "--data", dir.toString(), "--loop", "feed", "--target",
                "greedy-by-score", "--json").json(); // the outcomes the run above wrote
        // greedy swaps x and y everywhere, so no logged row agrees with it: IPS is 0
        assertEquals(0.0, greedy.at("/estimators/ips/value").asDouble(), 1e-12);
        assertFalse(greedy.has("on_policy"));
    }

    /**
     * --covariate-days: every user's first decision is at t0 and no event precedes it, so every
     * pre-period covariate is 0: CUPED cannot adjust (theta 0) and the report equals the plain one.
     */
    @Test
    void cupedFromTheStoreWithAnEmptyPrePeriodChangesNothing() throws IOException {
        JsonNode plain = AnalyzeCommandTest.run("experiment", "--data", dir.toString(), "--loop", "feed",
                "--control", "A", "--metric", "like", "--json").json();
        AnalyzeCommandTest.Run r = AnalyzeCommandTest.run("experiment", "--data", dir.toString(), "--loop", "feed",
                "--control", "A", "--metric", "like", "--covariate-days", "7", "--json");
        assertEquals(0, r.exit(), r.err());
        JsonNode cuped = r.json();
        assertEquals(7, cuped.get("covariate_days").asInt());
        assertEquals(plain.at("/metrics/like/arms/B/diff").asDouble(), cuped.at("/metrics/like/arms/B/diff").asDouble(), 1e-12);
        assertEquals(plain.at("/metrics/like/arms/B/ci_low").asDouble(), cuped.at("/metrics/like/arms/B/ci_low").asDouble(), 1e-12);
        AnalyzeCommandTest.Run bad = AnalyzeCommandTest.run("experiment", "--data", dir.toString(), "--loop", "feed",
                "--control", "A", "--metric", "like", "--covariate-days", "0");
        assertEquals(2, bad.exit());
        assertTrue(bad.err().contains("--covariate-days"), bad.err());
    }

    @Test
    void aRunningEngineMakesTheDirectoryBusy() {
        try (Engine engine = Engine.open(dir, FlywheelConfig.defaults(), Clock.systemUTC(), null)) {
            AnalyzeCommandTest.Run r = AnalyzeCommandTest.run("experiment", "--data", dir.toString(), "--loop", "feed",
                    "--control", "A", "--metric", "like");
            assertEquals(2, r.exit());
            assertTrue(r.err().contains("in use by a running Flywheel server"), r.err());
        }
    }

    @Test
    void exactlyOneSource() {
        AnalyzeCommandTest.Run r = AnalyzeCommandTest.run("experiment", "--control", "A", "--metric", "like");
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("exactly one of --csv FILE and --data DIR"), r.err());
    }
}
