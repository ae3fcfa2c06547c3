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
