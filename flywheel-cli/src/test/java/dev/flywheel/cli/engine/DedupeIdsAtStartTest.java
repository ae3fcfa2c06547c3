package dev.flywheel.cli.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flywheel.config.FlywheelConfig;
import dev.flywheel.decision.Decision;
import dev.flywheel.decision.ServedItem;
import dev.flywheel.event.Event;
import dev.flywheel.event.LoggedRecord;
import dev.flywheel.ingest.IdSnapshot;
import dev.flywheel.ingest.IngestBatch;
import dev.flywheel.ingest.IngestResult;
import dev.flywheel.store.file.FileIdSnapshotStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A start takes the ingest dedupe sets from the snapshot the last clean close left and the log after
 * it, instead of reading every stored id; whatever it starts from, every id stored before is a
 * duplicate and a new one is not: after a clean close, after a run that ended without writing a
 * snapshot (killed), with a torn snapshot, and with a snapshot of another history.
 */
class DedupeIdsAtStartTest {
    private static final FlywheelConfig CONFIG = FlywheelConfig.from(Map.of("log", Map.of("fsync", false)));

    @TempDir
    Path dir;

    private static List<LoggedRecord> records(String prefix, int n) {
        List<LoggedRecord> out = new ArrayList<>();
        Instant t = Instant.parse("2026-12-01T00:00:00Z");
        for (int i = 0; i < n; i++) {
            out.add(new Event(prefix + "e" + i, "click", t, "u" + i % 7, null, null, null, null, null, null));
            if (i % 4 == 0) {
                out.add(new Decision(prefix + "d" + i, "feed", "u" + i % 7, t, "m", "champion", null, 0,
                        List.of(new ServedItem("a" + i, 1, 0.5, 0.5)), List.of("a" + i), null, List.of()));
            }
        }
        return out;
    }

    /** Submits {@code records} to a storage opened on {@code data}; returns the result and whether its ids came from the snapshot. */
    private static Object[] submit(Path data, List<LoggedRecord> records) throws Exception {
        try (EngineStorage s = EngineStorage.open(data, CONFIG, Clock.systemUTC())) {
            IngestResult r = s.pipeline().submit(new IngestBatch(records, List.of())).get();
            assertTrue(s.materializer().awaitCurrent(10_000));
            return new Object[] {r, s.pipeline().idsFromSnapshot()};
        }
    }

    private static List<LoggedRecord> concat(List<LoggedRecord> a, List<LoggedRecord> b) {
        List<LoggedRecord> out = new ArrayList<>(a);
        out.addAll(b);
        return out;
    }

    @Test
    void everyStoredIdIsADuplicateWhateverTheDedupeSetsStartFrom() throws Exception {
        Path data = dir.resolve("data");
        List<LoggedRecord> a = records("a", 500);
        List<LoggedRecord> b = records("b", 300);
        Object[] first = submit(data, a);
        assertEquals(a.size(), ((IngestResult) first[0]).accepted());
        assertFalse((boolean) first[1], "nothing to start from at the first start");
        Path snapshot = data.resolve("dedupe-ids.bin");
        Path afterA = dir.resolve("after-a.bin");
        Files.copy(snapshot, afterA);

        Object[] second = submit(data, concat(a, b));
        assertTrue((boolean) second[1], "the clean close's snapshot was used");
        assertEquals(a.size(), ((IngestResult) second[0]).duplicates());
        assertEquals(b.size(), ((IngestResult) second[0]).accepted());

        // as if the second run had been killed before it closed: the snapshot is the first run's
        Files.copy(afterA, snapshot, StandardCopyOption.REPLACE_EXISTING);
        Object[] killed = submit(data, concat(a, b));
        assertTrue((boolean) killed[1], "the older snapshot and the log after it");
        assertEquals(a.size() + b.size(), ((IngestResult) killed[0]).duplicates());

        byte[] whole = Files.readAllBytes(snapshot);
        Files.write(snapshot, java.util.Arrays.copyOf(whole, whole.length / 2));
        Object[] torn = submit(data, concat(a, records("c", 10)));
        assertFalse((boolean) torn[1], "a torn snapshot is not used");
        assertEquals(a.size(), ((IngestResult) torn[0]).duplicates());
        assertEquals(records("c", 10).size(), ((IngestResult) torn[0]).accepted());

        // a snapshot that covers the log's length but not its ids (another history's) does not add up
        long last = new FileIdSnapshotStore(snapshot).latest().orElseThrow().seq();
        new FileIdSnapshotStore(snapshot).save(new IdSnapshot(last, new IdSnapshot.HashedIds(5, 6, new long[] {1, 2, 3, 4}),
                new IdSnapshot.HashedIds(7, 8, new long[0])));
        Object[] foreign = submit(data, concat(b, records("d", 5)));
        assertFalse((boolean) foreign[1], "a snapshot whose sets are not the store's size is not used");
        assertEquals(b.size(), ((IngestResult) foreign[0]).duplicates());
        assertEquals(records("d", 5).size(), ((IngestResult) foreign[0]).accepted());
    }
}
