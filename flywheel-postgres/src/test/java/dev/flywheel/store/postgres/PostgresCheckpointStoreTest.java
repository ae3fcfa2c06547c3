package dev.flywheel.store.postgres;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.flywheel.state.Checkpoint;
import dev.flywheel.state.CheckpointStore;
import dev.flywheel.state.contract.CheckpointStoreContract;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class PostgresCheckpointStoreTest extends CheckpointStoreContract {
    private final Reopening db = new Reopening();

    @Override
    protected CheckpointStore open(Path dir, int keep) {
        return new PostgresCheckpointStore(db.open(), keep);
    }

    @Test
    void aStateDamagedInTheTableFailsItsChecksumAndTheOneBeforeIsRead() throws Exception {
        CheckpointStore s = open(dir, 3);
        s.save(checkpoint(100, 5_000));
        s.save(checkpoint(200, 5_000));
        try (Connection c = db.current().connect(); Statement st = c.createStatement()) {
            // one byte of one operator's state flipped, as a disk or a hand-edit might
            st.execute("UPDATE checkpoint_states SET state = set_byte(state, 2500, get_byte(state, 2500) # 16) "
                    + "WHERE seq = 200 AND name = 'features:home'");
        }
        CheckpointStore again = open(dir, 3);
        assertEquals(100, again.latest().orElseThrow().seq());
        assertEquals(1, again.skipped());
        assertEquals(List.of(100L, 200L), again.seqs(), "kept, intact or not");
    }

    @Test
    void savingAgainAtTheSameSeqReplacesTheCheckpointWhole() {
        CheckpointStore s = open(dir, 2);
        s.save(checkpoint(100, 10));
        Checkpoint other = new Checkpoint(100, Instant.EPOCH, Map.of("join", new byte[] {7}));
        s.save(other);
        Checkpoint got = open(dir, 2).latest().orElseThrow();
        assertEquals(Instant.EPOCH, got.takenAt());
        assertEquals(List.of("join"), List.copyOf(got.states().keySet()));
        assertArrayEquals(new byte[] {7}, got.states().get("join"));
    }

    @AfterEach
    void closeDatabase() {
        db.close();
    }
}
