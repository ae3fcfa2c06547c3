package dev.flywheel.cli.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flywheel.event.LoggedRecord;
import dev.flywheel.ingest.IngestBatch;
import dev.flywheel.state.Checkpoint;
import dev.flywheel.store.file.FileCheckpointStore;
import dev.flywheel.topology.LoopHistory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every start idles once it has caught up, and the first idle at a log position is checkpointed (it
 * closes windows without an entry). A checkpoint records whether it was taken after that idle, so a
 * start from one, with nothing newer in the log, writes no checkpoint of its own (at ten million
 * events that write took as long as the rest of the start) and still ends where a replay ends. A
 * start from one taken before the idle leaves its checkpoint to the runner's thread.
 */
class IdleCheckpointStartTest {
    @TempDir
    Path dir;

    /**
     * One store for the whole test, made before any engine: opening a store removes temporary files,
     * and one opened while an engine runs would remove the checkpoint it is writing.
     */
    private FileCheckpointStore checkpoints;

    private Checkpoint latest(Path data) {
        return checkpoints.latest().orElseThrow();
    }

    @Test
    void aStartFromACheckpointTakenAfterTheIdleAtItsPositionWritesNone() throws Exception {
        Path data = dir.resolve("data");
        checkpoints = new FileCheckpointStore(data.resolve("checkpoints"), 3);
        List<LoggedRecord> history = LoopHistory.of(3, 300);
        try (Engine e = Engine.open(data, CheckpointStartTest.config(), java.time.Clock.systemUTC(), null)) {
            for (int i = 0; i < history.size(); i += 97) {
                e.pipeline().submit(new IngestBatch(history.subList(i, Math.min(history.size(), i + 97)), List.of())).get();
            }
            assertTrue(e.awaitStream(60_000));
        }
        assertFalse(latest(data).afterIdle(), "closed before the log was quiet long enough to idle");
        Checkpoint idled;
        try (Engine e = Engine.open(data, CheckpointStartTest.config(), java.time.Clock.systemUTC(), null)) {
            assertFalse(e.streamStart().afterIdle());
            long deadline = System.nanoTime() + 30_000_000_000L;
            while (!latest(data).afterIdle() && System.nanoTime() < deadline) Thread.sleep(20);
            idled = latest(data);
            assertTrue(idled.afterIdle(), "the start's idle was checkpointed (by the runner, after the start)");
            assertEquals(e.streamStart().after(), idled.seq());
        }
        Checkpoint closed = latest(data);
        assertTrue(closed.afterIdle(), "a close with no entry since the idle is after it too");
        try (Engine e = Engine.open(data, CheckpointStartTest.config(), java.time.Clock.systemUTC(), null)) {
            assertTrue(e.streamStart().afterIdle());
            // the runner writes an idle's checkpoint in its first step, milliseconds after the start
            Thread.sleep(2_000);
            assertEquals(closed.takenAt(), latest(data).takenAt(), "no checkpoint written by this start");
        }
        Checkpoint restarted = latest(data);
        try (Stream<Path> files = Files.list(data.resolve("checkpoints"))) {
            for (Path p : files.toList()) Files.delete(p);
        }
        try (Engine e = Engine.open(data, CheckpointStartTest.config(), java.time.Clock.systemUTC(), null)) {
            assertEquals(-1, e.streamStart().after(), "a replay of the whole log");
        }
        Checkpoint replayed = latest(data);
        assertEquals(replayed.states().keySet(), restarted.states().keySet());
        replayed.states().forEach((op, bytes) -> assertArrayEquals(bytes, restarted.states().get(op), op));
    }
}
