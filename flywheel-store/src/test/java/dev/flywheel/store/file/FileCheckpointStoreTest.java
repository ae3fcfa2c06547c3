package dev.flywheel.store.file;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flywheel.state.CheckpointStore;
import dev.flywheel.state.contract.CheckpointStoreContract;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class FileCheckpointStoreTest extends CheckpointStoreContract {
    @Override
    protected CheckpointStore open(Path dir, int keep) {
        return new FileCheckpointStore(dir.resolve("checkpoints"), keep);
    }

    private Path file(long seq) {
        return dir.resolve("checkpoints").resolve("checkpoint-" + seq + ".bin");
    }

    @Test
    void aTornCheckpointFallsBackToThePreviousOne() throws Exception {
        CheckpointStore s = open(dir, 3);
        s.save(checkpoint(100, 5_000));
        s.save(checkpoint(200, 5_000));
        byte[] whole = Files.readAllBytes(file(200));
        Files.write(file(200), Arrays.copyOf(whole, whole.length / 2));
        CheckpointStore again = open(dir, 3);
        assertEquals(100, again.latest().orElseThrow().seq());
        assertEquals(1, again.skipped());
    }

    @Test
    void aFlippedBitFailsTheChecksumAndFallsBack() throws Exception {
        CheckpointStore s = open(dir, 3);
        s.save(checkpoint(100, 5_000));
        s.save(checkpoint(200, 5_000));
        byte[] b = Files.readAllBytes(file(200));
        b[b.length / 2] ^= 0x10;
        Files.write(file(200), b);
        assertEquals(100, open(dir, 3).latest().orElseThrow().seq());
    }

    @Test
    void aCheckpointRenamedToAnotherSeqIsNotTrusted() throws Exception {
        CheckpointStore s = open(dir, 3);
        s.save(checkpoint(100, 50));
        Files.move(file(100), file(300));
        assertTrue(open(dir, 3).latest().isEmpty());
    }

    /**
     * A start leaves most users' features in the checkpoint's bytes: they are mapped from the file,
     * not copied, and stay what was read when the file is replaced at the same seq or pruned.
     */
    @Test
    void aReadCheckpointIsMappedFromItsFileAndOutlivesItsReplacement() {
        CheckpointStore s = open(dir, 2);
        s.save(checkpoint(5, 2_000_000));
        dev.flywheel.state.Checkpoint read = s.latest().orElseThrow();
        assertTrue(read.parts().get("features:home").buffer().isDirect(), "mapped, not read into the heap");
        s.save(checkpoint(5, 10));   // the same seq again: the file is replaced by a rename
        s.save(checkpoint(6, 10));
        s.save(checkpoint(7, 10));   // and pruned
        assertFalse(Files.exists(file(5)));
        org.junit.jupiter.api.Assertions.assertArrayEquals(checkpoint(5, 2_000_000).states().get("features:home"),
                read.parts().get("features:home").toArray());
    }

    /** Format 1 (before the idle flag): what the engine wrote until now must still start it. */
    @Test
    void aFormat1CheckpointStillReadsAsTakenBeforeAnIdle() throws Exception {
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(200);
        b.putInt(0x46574350).putInt(1).putLong(42).putLong(1_700_000_000L).putInt(5).putInt(1);
        byte[] name = "join".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        b.putInt(name.length).put(name).putInt(3).put(new byte[] {7, 8, 9});
        java.util.zip.CRC32C crc = new java.util.zip.CRC32C();
        crc.update(b.array(), 0, b.position());
        b.putInt((int) crc.getValue());
        Files.createDirectories(dir.resolve("checkpoints"));
        Files.write(file(42), Arrays.copyOf(b.array(), b.position()));
        dev.flywheel.state.Checkpoint c = open(dir, 3).latest().orElseThrow();
        assertEquals(42, c.seq());
        assertEquals(java.time.Instant.ofEpochSecond(1_700_000_000L, 5), c.takenAt());
        assertFalse(c.afterIdle());
        org.junit.jupiter.api.Assertions.assertArrayEquals(new byte[] {7, 8, 9}, c.states().get("join"));
    }

    @Test
    void aTemporaryFileLeftByACrashIsRemovedAndNeverRead() throws Exception {
        Files.createDirectories(dir.resolve("checkpoints"));
        Path tmp = dir.resolve("checkpoints").resolve("checkpoint-500.bin.tmp");
        Files.write(tmp, new byte[] {1, 2, 3});
        CheckpointStore s = open(dir, 3);
        assertFalse(Files.exists(tmp));
        assertTrue(s.latest().isEmpty());
    }
}
