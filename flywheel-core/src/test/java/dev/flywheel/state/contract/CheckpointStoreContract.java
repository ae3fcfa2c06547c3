package dev.flywheel.state.contract;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flywheel.state.Checkpoint;
import dev.flywheel.state.CheckpointStore;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What every {@link CheckpointStore} adapter must do. */
public abstract class CheckpointStoreContract {
    @TempDir
    protected Path dir;

    /** A store keeping {@code keep} checkpoints, reopened on the same place when called again. */
    protected abstract CheckpointStore open(Path dir, int keep);

    protected static Checkpoint checkpoint(long seq, int stateBytes) {
        byte[] a = new byte[stateBytes];
        new SplittableRandom(seq).nextBytes(a);
        return new Checkpoint(seq, Instant.parse("2026-12-02T00:00:00.123456789Z").plusSeconds(seq),
                Map.of("features:home", a, "join", new byte[0]));
    }

    @Test
    void anEmptyStoreHasNoCheckpoint() {
        CheckpointStore s = open(dir, 3);
        assertTrue(s.latest().isEmpty());
        assertEquals(List.of(), s.seqs());
    }

    @Test
    void theNewestCheckpointReadsBackByteForByteAfterReopening() {
        CheckpointStore s = open(dir, 3);
        s.save(checkpoint(-1, 0));
        s.save(checkpoint(1_000, 10));
        s.save(checkpoint(2_000, 3_000_000));
        Checkpoint latest = open(dir, 3).latest().orElseThrow();
        Checkpoint expected = checkpoint(2_000, 3_000_000);
        assertEquals(2_000, latest.seq());
        assertEquals(expected.takenAt(), latest.takenAt());
        assertEquals(expected.states().keySet(), latest.states().keySet());
        expected.states().forEach((k, v) -> assertArrayEquals(v, latest.states().get(k), k));
    }

    @Test
    void whetherACheckpointWasTakenAfterAnIdleReadsBack() {
        CheckpointStore s = open(dir, 3);
        Checkpoint plain = checkpoint(5, 10);
        s.save(new Checkpoint(5, plain.takenAt(), plain.states(), true));
        assertTrue(open(dir, 3).latest().orElseThrow().afterIdle());
        open(dir, 3).save(checkpoint(6, 10)); // an adapter may close the store it opened before
        assertEquals(false, open(dir, 3).latest().orElseThrow().afterIdle());
    }

    @Test
    void onlyTheNewestAreKept() {
        CheckpointStore s = open(dir, 2);
        for (long seq = 10; seq <= 50; seq += 10) s.save(checkpoint(seq, 100));
        assertEquals(List.of(40L, 50L), s.seqs());
        assertEquals(50, s.latest().orElseThrow().seq());
    }
}
