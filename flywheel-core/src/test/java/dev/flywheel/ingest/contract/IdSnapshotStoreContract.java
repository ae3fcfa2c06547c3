package dev.flywheel.ingest.contract;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flywheel.ingest.IdSnapshot;
import dev.flywheel.ingest.IdSnapshotStore;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What every {@link IdSnapshotStore} adapter must do. */
public abstract class IdSnapshotStoreContract {
    @TempDir
    protected Path dir;

    /** A store on {@code dir}, reopened on the same place when called again. */
    protected abstract IdSnapshotStore open(Path dir);

    protected static IdSnapshot snapshot(long seq, int events, int decisions) {
        SplittableRandom rnd = new SplittableRandom(seq);
        long[] e = new long[events * 2];
        long[] d = new long[decisions * 2];
        for (int i = 0; i < e.length; i++) e[i] = rnd.nextLong();
        for (int i = 0; i < d.length; i++) d[i] = rnd.nextLong();
        return new IdSnapshot(seq, new IdSnapshot.HashedIds(rnd.nextLong(), rnd.nextLong(), e),
                new IdSnapshot.HashedIds(rnd.nextLong(), rnd.nextLong(), d));
    }

    @Test
    void anEmptyStoreHasNoSnapshot() {
        assertTrue(open(dir).latest().isEmpty());
    }

    @Test
    void theLastSnapshotReadsBackWholeAfterReopening() {
        IdSnapshotStore s = open(dir);
        s.save(snapshot(10, 3, 1));
        s.save(snapshot(-1, 0, 0));
        assertEquals(-1, open(dir).latest().orElseThrow().seq());
        s.save(snapshot(400_000, 300_000, 17));
        IdSnapshot read = open(dir).latest().orElseThrow();
        IdSnapshot expected = snapshot(400_000, 300_000, 17);
        assertEquals(400_000, read.seq());
        assertArrayEquals(expected.events().hashes(), read.events().hashes());
        assertArrayEquals(expected.decisions().hashes(), read.decisions().hashes());
        assertEquals(expected.events().key0(), read.events().key0());
        assertEquals(expected.events().key1(), read.events().key1());
        assertEquals(expected.decisions().key0(), read.decisions().key0());
        assertEquals(expected.decisions().key1(), read.decisions().key1());
    }
}
