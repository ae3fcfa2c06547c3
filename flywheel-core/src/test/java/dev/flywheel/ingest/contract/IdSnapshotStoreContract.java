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

    /** A dedupe set takes the key before any hash (it refuses a new key once it holds hashes): so must every sink. */
    @Test
    void eachSetsKeyArrivesOnceAndBeforeItsHashes() {
        IdSnapshotStore s = open(dir);
        IdSnapshot saved = snapshot(3, 70_000, 5);
        s.save(saved);
        Ordered events = new Ordered();
        Ordered decisions = new Ordered();
        assertEquals(3, open(dir).load(events, decisions).orElseThrow());
        assertEquals(saved.events().key0(), events.key0);
        assertEquals(saved.events().key1(), events.key1);
        assertEquals(saved.events().hashes().length, events.longs);
        assertEquals(saved.decisions().key1(), decisions.key1);
        assertEquals(saved.decisions().hashes().length, decisions.longs);
    }

    /** A sink that fails on a key after hashes or a second key. */
    private static final class Ordered implements IdSnapshotStore.Hashes {
        long key0;
        long key1;
        boolean keyed;
        long longs;

        @Override
        public void key(long key0, long key1) {
            if (keyed) throw new AssertionError("a second key");
            if (longs > 0) throw new AssertionError("the key after " + longs + " hashes");
            keyed = true;
            this.key0 = key0;
            this.key1 = key1;
        }

        @Override
        public void accept(long[] pairs, int from, int n) {
            if (!keyed) throw new AssertionError("hashes before the key");
            longs += n;
        }
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
