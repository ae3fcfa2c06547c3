package dev.flywheel.store.duckdb;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.flywheel.analysis.LoggedSlate;
import dev.flywheel.catalog.Catalog;
import dev.flywheel.config.ConfigTree;
import dev.flywheel.decision.Decision;
import dev.flywheel.decision.ServedItem;
import dev.flywheel.event.Event;
import dev.flywheel.log.LogConsumer;
import dev.flywheel.log.LogEntry;
import dev.flywheel.loop.LoopSpec;
import dev.flywheel.outcome.OutcomeSink;
import dev.flywheel.topology.Topology;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Off-policy evaluation on the store reads the rewards the outcome join computed (rewards were once
 * defined twice: by the loop's reward spec in the join, and again in SQL with binary click/like and
 * no ignore penalty): the loop's weights, its window with the end inclusive, its ignore penalty.
 */
class OpeOutcomeRewardsTest {
    private static final Instant T0 = Instant.parse("2026-11-01T00:00:00Z");
    private static final Duration WINDOW = Duration.ofMinutes(30);
    @TempDir
    Path dir;
    private final List<LogEntry> entries = new ArrayList<>();

    @Test
    void slatesCarryTheOutcomeJoinsRewards() throws Exception {
        decide("d0", T0, "x", "y", "z");
        decide("d1", T0.plusSeconds(60), "x", "y", "z");
        event("like", "d0", "z", T0.minusSeconds(5));               // stamped before the decision, by id: counts
        event("click", "d1", "x", T0.plusSeconds(70));              // 0.2
        event("like", "d1", "x", T0.plusSeconds(71));               // + 1
        event("dislike", "d1", "z", T0.plusSeconds(61));            // −1, a judgement: not an ignore
        event("like", "d1", "w", T0.plusSeconds(61));               // an item d1 did not serve: an orphan
        event("like", "d0", "x", T0.plus(WINDOW));                 // at the end: counts, 1
        event("click", "d0", "y", T0.plus(WINDOW).plusMillis(1));  // just after: late, so y is ignored
        List<LoggedSlate> slates = slates(false);
        assertEquals(2, slates.size());
        // ignore −0.05 where nothing with a weight came in the window
        assertArrayEquals(new double[] {1, -0.05, 1}, slates.get(0).rewards(), 1e-12);
        assertArrayEquals(new double[] {1.2, -0.05, -1}, slates.get(1).rewards(), 1e-12);
        assertEquals(3, slates.get(0).candidates());
    }

    @Test
    void originsCarryUserTimeAndCandidates() throws Exception {
        decide("d0", T0.plusMillis(1500), "x", "y");
        List<LoggedSlate> out = slates(true);
        assertEquals(new LoggedSlate.Origin("u1", T0.plusMillis(1500), List.of("x", "y", "w")), out.get(0).origin());
    }

    private List<LoggedSlate> slates(boolean origins) throws Exception {
        try (DuckDbRecordStore store = new DuckDbRecordStore(dir.resolve("store.duckdb"))) {
            store.apply(entries);
            LoopSpec loop = LoopSpec.from(new ConfigTree("loops[0]", Map.of("name", "feed", "model", "external",
                    "reward", Map.of("weights", Map.of("like", 1, "click", 0.2, "dislike", -1), "ignore", -0.05))));
            Topology topology = Topology.build(List.of(loop), new Catalog(),
                    new OutcomeSink(new DuckDbOutcomeStore(store), new DuckDbUnjoinedStore(store)));
            for (LogEntry e : entries) topology.operators().forEach(op -> op.accept(e));
            topology.advanceTo(T0.plus(Duration.ofDays(1)));
            topology.operators().forEach(LogConsumer::flush);
            List<LoggedSlate> out = new ArrayList<>();
            try (Connection c = store.connect()) {
                DuckDbOpeSource.slates(c, "feed", origins, out::add);
            }
            return out;
        }
    }

    private void decide(String id, Instant at, String... items) {
        List<ServedItem> served = new ArrayList<>();
        for (int i = 0; i < items.length; i++) {
            served.add(new ServedItem(items[i], i + 1, 0.5, 0.25));
        }
        entries.add(new LogEntry.DecisionEntry(entries.size(), 0, new Decision(id, "feed", "u1", at, "m", "A", served,
                List.of("x", "y", "w"), null)));
    }

    private void event(String type, String decision, String item, Instant at) {
        entries.add(new LogEntry.EventEntry(entries.size(), 0, new Event("e" + entries.size(), type, at, "u1", null,
                decision, "feed", item, null, null)));
    }
}
