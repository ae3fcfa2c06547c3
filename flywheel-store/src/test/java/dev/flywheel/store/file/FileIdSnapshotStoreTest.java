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

    /**
     * A snapshot of another format (1: unkeyed hashes, which cannot be matched under any key) reads
     * as none, though whole and with a good checksum: the same bytes under this format read back.
     */
    @Test
    void aSnapshotOfAnotherFormatReadsAsNone() throws Exception {
        Path file = dir.resolve("ids.bin");
        Files.write(file, withFormat(2));
        assertEquals(3, open(dir).latest().orElseThrow().seq(), "format 2, as written now");
        Files.write(file, withFormat(1));
        assertTrue(open(dir).latest().isEmpty(), "format 1");
    }

    /** A whole snapshot file (seq 3, one event hash under key (5, 6), no decision) marked {@code format}, its CRC-32C right. */
    private static byte[] withFormat(int format) {
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(4 + 4 + 8 + 16 + 4 + 16 + 16 + 4 + 4);
        b.putInt(0x46574944).putInt(format).putLong(3).putLong(5).putLong(6).putInt(2).putLong(11).putLong(12)
                .putLong(7).putLong(8).putInt(0);
        java.util.zip.CRC32C crc = new java.util.zip.CRC32C();
        crc.update(b.array(), 0, b.position());
        b.putInt((int) crc.getValue());
        return b.array();
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
