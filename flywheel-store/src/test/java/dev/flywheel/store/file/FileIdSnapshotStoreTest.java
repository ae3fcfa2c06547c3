package dev.flywheel.store.file;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flywheel.ingest.IdSnapshotStore;
import dev.flywheel.ingest.contract.IdSnapshotStoreContract;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class FileIdSnapshotStoreTest extends IdSnapshotStoreContract {
    @Override
    protected IdSnapshotStore open(Path dir) {
        return new FileIdSnapshotStore(dir.resolve("ids.bin"));
    }

    @Test
    void aTornOrBitFlippedSnapshotReadsAsNone() throws Exception {
        open(dir).save(snapshot(5, 1_000, 10));
        Path file = dir.resolve("ids.bin");
        byte[] whole = Files.readAllBytes(file);
        Files.write(file, Arrays.copyOf(whole, whole.length - 9));
        assertTrue(open(dir).latest().isEmpty(), "torn");
        byte[] flipped = whole.clone();
        flipped[whole.length / 3] ^= 0x04;
        Files.write(file, flipped);
        assertTrue(open(dir).latest().isEmpty(), "a flipped bit");
        Files.write(file, whole);
        assertEquals(5, open(dir).latest().orElseThrow().seq(), "the intact file reads again");
    }

    /** A snapshot written before the hashes were keyed (format 1, no keys) cannot be matched: read as none. */
    @Test
    void aSnapshotOfUnkeyedHashesReadsAsNone() throws Exception {
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(4 + 4 + 8 + 4 + 16 + 4 + 4);
        b.putInt(0x46574944).putInt(1).putLong(3).putInt(2).putLong(11).putLong(12).putInt(0);
        java.util.zip.CRC32C crc = new java.util.zip.CRC32C();
        crc.update(b.array(), 0, b.position());
        b.putInt((int) crc.getValue());
        Files.write(dir.resolve("ids.bin"), b.array());
        assertTrue(open(dir).latest().isEmpty());
    }

    @Test
    void aTemporaryFileLeftByACrashIsRemovedAndTheSnapshotBeforeItKept() throws Exception {
        open(dir).save(snapshot(7, 10, 0));
        Path tmp = dir.resolve("ids.bin.tmp");
        Files.write(tmp, new byte[] {1, 2, 3});
        IdSnapshotStore s = open(dir);
        assertFalse(Files.exists(tmp));
        assertEquals(7, s.latest().orElseThrow().seq());
    }
}
