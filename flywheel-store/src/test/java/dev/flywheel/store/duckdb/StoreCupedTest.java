package dev.flywheel.store.duckdb;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flywheel.analysis.ExperimentReport;
import dev.flywheel.analysis.ExperimentSpec;
import dev.flywheel.analysis.Table;
import dev.flywheel.decision.Decision;
import dev.flywheel.decision.ServedItem;
import dev.flywheel.event.Event;
import dev.flywheel.log.LogEntry;
import dev.flywheel.stats.MultipleTesting;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The pre-period covariate of the store's units: the user's same events in the N days before first exposure. */
class StoreCupedTest {
    private static final Instant FIRST = Instant.parse("2026-11-02T00:00:00Z");
    @TempDir
    Path dir;
    private final List<LogEntry> entries = new ArrayList<>();

    @Test
    void preLikesAreCountedInTheDayBeforeFirstExposure() throws Exception {
        // users c1..c3 (control), t1..t3 (treatment); in-experiment likes 1..6 tell them apart
        user("c1", "control", 1, FIRST.minusSeconds(3600), FIRST.minusSeconds(23 * 3600), FIRST.minusSeconds(25 * 3600));
        user("c2", "control", 2);
        user("c3", "control", 3, FIRST.minus(Duration.ofDays(1)), FIRST); // start inclusive, first exposure excluded
        user("t1", "treatment", 4, FIRST.minusSeconds(10), FIRST.minusSeconds(20), FIRST.minusSeconds(30));
        user("t2", "treatment", 5, FIRST.minusSeconds(60));
        user("t3", "treatment", 6);
        Table table;
        try (DuckDbRecordStore store = new DuckDbRecordStore(dir.resolve("store.duckdb"))) {
            store.apply(entries);
            try (Connection c = store.connect()) {
                table = DuckDbExperimentSource.units(c, "feed", List.of("like"), Duration.ofDays(1)).table();
            }
        }
        double[] like = table.doubles("like");
        double[] pre = table.doubles("pre:like");
        double[] expectedPre = {Double.NaN, 2, 0, 1, 3, 1, 0}; // by in-experiment likes 1..6
        assertEquals(6, like.length);
        for (int i = 0; i < like.length; i++) {
            assertEquals(expectedPre[(int) like[i]], pre[i], "pre:like of the user with " + like[i] + " likes");
        }
        ExperimentSpec spec = new ExperimentSpec(DuckDbExperimentSource.ARM, "control", List.of("like"), null, null,
                MultipleTesting.Method.HOLM, 0.95, 0);
        ExperimentReport fromStore = ExperimentReport.analyze(table, spec, Map.of("like", "pre:like"));
        ExperimentReport asCsv = ExperimentReport.analyze(table, new ExperimentSpec(DuckDbExperimentSource.ARM,
                "control", List.of("like"), "pre:like", null, MultipleTesting.Method.HOLM, 0.95, 0));
        assertTrue(Double.isFinite(fromStore.metrics().get(0).cupedTheta()));
        assertEquals(asCsv.metrics().get(0).cupedTheta(), fromStore.metrics().get(0).cupedTheta(), 0);
        assertArrayEquals(new double[] {asCsv.metrics().get(0).arms().get("treatment").vsControl().ci().low()},
                new double[] {fromStore.metrics().get(0).arms().get("treatment").vsControl().ci().low()});
    }

    /** One decision at FIRST with {@code likes} likes in the loop, and pre-period likes at {@code before}. */
    private void user(String user, String arm, int likes, Instant... before) {
        String id = "d-" + user;
        entries.add(new LogEntry.DecisionEntry(entries.size(), 0, new Decision(id, "feed", user, FIRST, "m", arm,
                List.of(new ServedItem("x", 1, 0.5, 1.0)), List.of(), null)));
        for (int i = 0; i < likes; i++) {
            event(user, id, "feed", FIRST.plusSeconds(60 + i));
        }
        for (int i = 0; i < before.length; i++) {
            event(user, null, i % 2 == 0 ? null : "other", before[i]);
        }
    }

    private void event(String user, String decision, String loop, Instant at) {
        entries.add(new LogEntry.EventEntry(entries.size(), 0, new Event("e" + entries.size(), "like", at, user, null,
                decision, loop, "x", null, null)));
    }
}
