package dev.flywheel.cli.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flywheel.config.FlywheelConfig;
import dev.flywheel.event.LoggedRecord;
import dev.flywheel.ingest.IngestBatch;
import dev.flywheel.outcome.Outcome;
import dev.flywheel.state.Checkpoint;
import dev.flywheel.store.file.FileCheckpointStore;
import dev.flywheel.topology.LoopHistory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded engine restarted halfway through a history: once from the checkpoint the first run
 * left, once with its checkpoints deleted (a replay of the whole log). Both go on with the rest of
 * the history, and must end with the same state in every operator, byte for byte, and the same
 * outcome table. Collaborative models are off: they train on their own thread, at times no two runs
 * share.
 */
class CheckpointStartTest {
    private static final Clock CLOCK = Clock.fixed(LoopHistory.START.plus(Duration.ofDays(2)), ZoneOffset.UTC);

    @TempDir
    Path dir;

    static FlywheelConfig config() {
        return FlywheelConfig.from(Map.of("log", Map.of("fsync", false, "checkpoint_entries", 100, "checkpoint_interval", "0s"),
                "loops", List.of(Map.of("name", "feed", "reward", Map.of("weights", Map.of("like", 1.0, "click", 0.1, "dislike", -1.0)),
                        "collaborative", Map.of("enabled", false), "quality", Map.of("enabled", true)))));
    }

    private record Run(StreamStart start, Checkpoint last, List<Outcome> outcomes) { }

    private static Run run(Path data, List<LoggedRecord> history, boolean keepCheckpoints) throws Exception {
        int half = history.size() / 2;
        try (Engine e = Engine.open(data, config(), CLOCK, null)) {
            write(e, history.subList(0, half));
        }
        assertTrue(new FileCheckpointStore(data.resolve("checkpoints"), 3).latest().isPresent(), "a checkpoint at close");
        if (!keepCheckpoints) {
            try (Stream<Path> files = Files.list(data.resolve("checkpoints"))) {
                for (Path p : files.toList()) Files.delete(p);
            }
        }
        StreamStart start;
        List<Outcome> outcomes;
        try (Engine e = Engine.open(data, config(), CLOCK, null)) {
            start = e.streamStart();
            write(e, history.subList(half, history.size()));
            outcomes = e.store() == null ? List.of() : new dev.flywheel.store.duckdb.DuckDbOutcomeStore(e.store())
                    .query("feed", Instant.EPOCH, Instant.parse("2100-01-01T00:00:00Z"), 1_000_000);
        }
        return new Run(start, new FileCheckpointStore(data.resolve("checkpoints"), 3).latest().orElseThrow(), outcomes);
    }

    private static void write(Engine e, List<LoggedRecord> records) throws Exception {
        for (int i = 0; i < records.size(); i += 97) {
            e.pipeline().submit(new IngestBatch(records.subList(i, Math.min(records.size(), i + 97)), List.of())).get();
        }
        assertTrue(e.awaitStream(60_000));
    }

    @Test
    void aStartFromTheCheckpointEndsWhereAReplayOfTheWholeLogEnds() throws Exception {
        List<LoggedRecord> history = LoopHistory.of(3, 900);
        Run restored = run(dir.resolve("restored"), history, true);
        Run replayed = run(dir.resolve("replayed"), history, false);
        assertTrue(restored.start().after() > 0, "the second start restored a checkpoint: " + restored.start());
        assertEquals(-1, replayed.start().after(), "without checkpoints the second start replays the log: " + replayed.start());
        assertEquals(replayed.last().seq(), restored.last().seq());
        assertEquals(replayed.last().states().keySet(), restored.last().states().keySet());
        replayed.last().states().forEach((op, bytes) -> assertArrayEquals(bytes, restored.last().states().get(op), op));
        assertTrue(replayed.outcomes().size() > 1_000, "outcomes: " + replayed.outcomes().size());
        java.util.Set<String> keys = new java.util.HashSet<>();
        long dups = restored.outcomes().stream().filter(o -> !keys.add(o.decision() + "/" + o.item())).count();
        java.util.Set<String> keys2 = new java.util.HashSet<>();
        long dups2 = replayed.outcomes().stream().filter(o -> !keys2.add(o.decision() + "/" + o.item())).count();
        assertEquals(replayed.outcomes().size(), restored.outcomes().size(), "outcome rows; duplicates restored " + dups + " replayed " + dups2);
        for (int i = 0; i < replayed.outcomes().size(); i++) {
            assertEquals(replayed.outcomes().get(i), restored.outcomes().get(i), "outcome row " + i);
        }
    }
}
