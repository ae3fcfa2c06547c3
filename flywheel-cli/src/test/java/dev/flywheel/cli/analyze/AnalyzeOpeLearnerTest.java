package dev.flywheel.cli.analyze;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.flywheel.catalog.Item;
import dev.flywheel.decision.Decision;
import dev.flywheel.decision.ServedItem;
import dev.flywheel.event.Event;
import dev.flywheel.log.LogEntry;
import dev.flywheel.store.duckdb.DuckDbRecordStore;
import dev.flywheel.store.file.SegmentedFileLog;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code analyze ope --target learner}: a learner trained on the log up to the cut, evaluated on the
 * decisions after it. The loop explores with epsilon 1, so whatever it learned its slot distribution
 * is uniform over the eligible candidates; the log after the cut is uniform too (1/6, then 1/5), for
 * users the learner never saw (all candidates eligible): every weight is exactly 1.
 */
class AnalyzeOpeLearnerTest {
    private static final Instant T0 = Instant.parse("2026-11-01T00:00:00Z");
    private static final List<String> POOL = List.of("n0", "n1", "n2", "n3", "n4", "n5");
    @TempDir
    Path dir;
    private final List<LogEntry> entries = new ArrayList<>();

    @BeforeEach
    void fill() throws Exception {
        for (String id : POOL) {
            entries.add(new LogEntry.ItemEntry(entries.size(), 0, new Item(id, "title " + id, "a story about " + id,
                    List.of("t" + id.charAt(1)), null, T0.minusSeconds(86_400))));
        }
        // before the cut (trained on): users a, b, c
        decide("a", T0, "n0", "n1", true, false);
        decide("b", T0.plusSeconds(60), "n0", "n2", true, true);
        decide("c", T0.plusSeconds(120), "n3", "n0", false, true);
        // after the cut (evaluated): users x, y; liked rows 1 + 0 + 2 + 1 = 4 of 8
        decide("x", T0.plusSeconds(7200), "n1", "n2", true, false);
        decide("y", T0.plusSeconds(7260), "n4", "n5", false, false);
        decide("x", T0.plusSeconds(7320), "n3", "n5", true, true);
        decide("y", T0.plusSeconds(7380), "n0", "n2", false, true);
        SegmentedFileLog log = new SegmentedFileLog(dir.resolve("log"), false, 1 << 20);
        log.append(entries);
        log.close();
        try (DuckDbRecordStore store = new DuckDbRecordStore(dir.resolve("store.duckdb"))) {
            store.apply(entries);
        }
        Files.writeString(dir.resolve("flywheel.yaml"), "loops:\n  - name: feed\n    model: content-bandit\n"
                + "    exploration: {strategy: epsilon-greedy, epsilon: 1.0}\n");
    }

    private void decide(String user, Instant at, String first, String second, boolean like1, boolean like2) {
        String id = "d" + entries.size();
        entries.add(new LogEntry.DecisionEntry(entries.size(), 0, new Decision(id, "feed", user, at, "m", "A",
                List.of(new ServedItem(first, 1, 0.5, 1 / 6.0), new ServedItem(second, 2, 0.4, 1 / 5.0)), POOL, null)));
        if (like1) {
            like(user, id, first, at);
        }
        if (like2) {
            like(user, id, second, at);
        }
    }

    private void like(String user, String decision, String item, Instant at) {
        entries.add(new LogEntry.EventEntry(entries.size(), 0, new Event("e" + entries.size(), "like",
                at.plusSeconds(5), user, null, decision, "feed", item, null, null)));
    }

    @Test
    void aUniformLearnerOnAUniformLogWeighsEveryRowOne() throws Exception {
        AnalyzeCommandTest.Run r = AnalyzeCommandTest.run("ope", "--data", dir.toString(), "--loop", "feed",
                "--config", dir.resolve("flywheel.yaml").toString(), "--target", "learner",
                "--train-until", "2026-11-01T01:00:00Z", "--json");
        assertEquals(0, r.exit(), r.err());
        JsonNode j = r.json();
        assertEquals(8, j.at("/diagnostics/n").asInt());
        assertEquals(1.0, j.at("/diagnostics/max_weight").asDouble(), 1e-12);
        // the outcome join's rewards of the loop's default reward: a like 1, an ignored row −0.05
        assertEquals((4 - 4 * 0.05) / 8, j.at("/estimators/ips/value").asDouble(), 1e-12);
        assertEquals((4 - 4 * 0.05) / 8, j.at("/estimators/snips/value").asDouble(), 1e-12);
    }

    @Test
    void theCutIsRequiredAndNamed() {
        AnalyzeCommandTest.Run r = AnalyzeCommandTest.run("ope", "--data", dir.toString(), "--loop", "feed",
                "--config", dir.resolve("flywheel.yaml").toString(), "--target", "learner");
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("--train-until"), r.err());
        AnalyzeCommandTest.Run bad = AnalyzeCommandTest.run("ope", "--data", dir.toString(), "--loop", "feed",
                "--config", dir.resolve("flywheel.yaml").toString(), "--target", "learner", "--train-until", "noon");
        assertEquals(2, bad.exit());
        assertTrue(bad.err().contains("--train-until must be an ISO-8601"), bad.err());
    }
}
