package dev.flywheel.store.duckdb;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flywheel.log.LogEntry;
import dev.flywheel.log.StoredCounts;
import dev.flywheel.outcome.Outcome;
import dev.flywheel.store.file.ClosedSegment;
import dev.flywheel.store.file.SegmentedFileLog;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Log retention on real files and a real DuckDB store: archived segments read back exactly, from the
 * log (every entry, its stored bytes) and from the store's views (every row as it was); a crash
 * half-way loses and duplicates nothing; nothing is archived before it is materialised, checkpointed
 * and old enough.
 */
class LogRetentionTest {
    @TempDir
    Path dir;

    private static Map<Long, byte[]> bodies(SegmentedFileLog log) {
        Map<Long, byte[]> out = new HashMap<>();
        for (ClosedSegment s : log.closedSegments()) {
            log.read(s, (seq, received, body, offset, length) -> out.put(seq, java.util.Arrays.copyOfRange(body, offset, offset + length)));
        }
        return out;
    }

    private static Map<Long, byte[]> archivedBodies(RetentionRig rig) throws Exception {
        Map<Long, byte[]> out = new HashMap<>();
        try (Connection c = rig.store.connect(); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT seq, entry, filename FROM read_parquet('archive/*/*/*.parquet', hive_partitioning = false, filename = true)")) {
            while (r.next()) {
                assertTrue(out.put(r.getLong(1), r.getBytes(2)) == null, "seq " + r.getLong(1) + " archived twice, in " + r.getString(3));
            }
        }
        return out;
    }

    private long liveRows(RetentionRig rig) throws Exception {
        long n = 0;
        for (String t : List.of("events_live", "decisions_live", "quarantine_live", "items_live")) n += rig.count("SELECT count(*) FROM " + t);
        return n;
    }

    @Test
    void archivedSegmentsReadBackExactlyFromTheLogAndTheViews() throws Exception {
        List<LogEntry> in = RetentionRig.entries(0, 700, RetentionRig.T0);
        Map<String, List<String>> before;
        StoredCounts counts;
        try (RetentionRig rig = new RetentionRig(dir)) {
            rig.write(in.subList(0, 300));
            rig.write(in.subList(300, 700));
            before = rig.views();
            counts = rig.store.counts();
            List<String> travel = timeTravel(rig);
            Map<Long, byte[]> bodies = bodies(rig.log);
            int closed = rig.log.closedSegments().size();
            assertTrue(closed > 10, "segments: " + closed);
            rig.clock.advance(Duration.ofDays(2));
            RetentionStats stats = rig.retention.runOnce();
            assertEquals(closed, stats.segments());
            assertEquals(bodies.size(), stats.entries());
            assertEquals(List.of(), rig.log.closedSegments());
            assertEquals(700 - bodies.size(), liveRows(rig), "only the segment appended to is left live");
            Map<Long, byte[]> archived = archivedBodies(rig);
            assertEquals(bodies.keySet(), archived.keySet());
            bodies.forEach((seq, b) -> assertArrayEquals(b, archived.get(seq), "stored bytes of seq " + seq));
            assertEquals(before, rig.views());
            assertEquals(counts, rig.store.counts());
            assertEquals(travel, timeTravel(rig), "decisions read back with their items, shadows, features and events");
            assertEquals(in, rig.readLog(0));
            assertEquals(in.subList(123, 700), rig.readLog(123));
            assertPartitions(dir.resolve("archive"));
        }
        try (RetentionRig rig = new RetentionRig(dir)) {
            assertEquals(before, rig.views(), "after reopening");
            assertEquals(in, rig.readLog(0));
            assertEquals(counts, rig.store.counts());
        }
        try (Connection c = ReadOnlyStore.open(dir.resolve("store.duckdb")); Statement s = c.createStatement()) {
            assertEquals(before.get("events"), RetentionRig.rows(s, "SELECT * FROM events ORDER BY ALL"), "offline analysis reads the archive");
        }
    }

    /** Decisions as time travel reads them back: the decision, its served features, its events. */
    private static List<String> timeTravel(RetentionRig rig) {
        DuckDbDecisionHistory history = new DuckDbDecisionHistory(rig.store);
        List<String> out = new java.util.ArrayList<>();
        for (long s = 1; s < 700; s += 50) {
            String id = "d" + s;
            out.add(history.decision(id).orElseThrow() + " " + history.events(id)
                    + rig.features.get(id).stream().map(f -> f.item() + java.util.Arrays.toString(f.values())).toList());
        }
        return out;
    }

    /** Days received and loops, each loop (or none) a partition of its own that reads back as it was. */
    private static void assertPartitions(Path archive) throws Exception {
        assertEquals(Set.of("day=2026-03-01", "day=2026-03-02"), names(archive));
        Set<String> decoded = new TreeSet<>();
        for (String day : names(archive)) {
            for (String loop : names(archive.resolve(day))) decoded.add(URLDecoder.decode(loop, StandardCharsets.UTF_8));
        }
        assertEquals(Set.of("loop=feed", "loop=home", "loop=_none", "loop=__none", "loop=__x", "loop=a/b c", "loop=_items",
                "loop=_quarantine"), decoded);
    }

    private static Set<String> names(Path d) throws Exception {
        try (Stream<Path> s = Files.list(d)) {
            return new TreeSet<>(s.map(p -> p.getFileName().toString()).toList());
        }
    }

    @ParameterizedTest
    @EnumSource(SegmentArchiver.Step.class)
    void aCrashBetweenArchivingAndDeletingLosesAndDuplicatesNothing(SegmentArchiver.Step stop) throws Exception {
        List<LogEntry> in = RetentionRig.entries(0, 400, RetentionRig.T0);
        Map<String, List<String>> before;
        try (RetentionRig rig = new RetentionRig(dir)) {
            rig.write(in);
            before = rig.views();
            rig.clock.advance(Duration.ofDays(2));
            rig.retention.runOnce(); // all but the last closed segment archived and deleted
            rig.write(RetentionRig.entries(400, 200, rig.clock.instant().minus(Duration.ofDays(1))));
            assertThrows(SegmentArchiver.Stopped.class, () -> rig.retention.runOnce(stop));
        }
        List<LogEntry> all = new java.util.ArrayList<>(in);
        all.addAll(RetentionRig.entries(400, 200, RetentionRig.T0.plus(Duration.ofDays(1))));
        try (RetentionRig rig = new RetentionRig(dir)) {
            if (stop == SegmentArchiver.Step.FILES_WRITTEN) plantStaleFile(rig);
            assertEquals(all, rig.readLog(0), "the log after the crash");
            Map<String, List<String>> now = rig.views();
            assertEquals(before.get("events"), now.get("events").subList(0, before.get("events").size()));
            assertEquals(600, rig.count("SELECT count(*) FROM events") + rig.count("SELECT count(*) FROM decisions")
                    + rig.count("SELECT count(*) FROM quarantine") + rig.count("SELECT count(*) FROM items"));
            rig.checkpointed = 599;
            rig.clock.advance(Duration.ofDays(3));
            RetentionStats stats = rig.retention.runOnce();
            assertEquals(List.of(), rig.log.closedSegments(), "the stopped segment and the rest archived");
            assertEquals(now, rig.views(), "archiving again changes no row");
            assertEquals(all, rig.readLog(0));
            assertEquals(stats.entries(), archivedBodies(rig).size(), "every archived entry once");
            assertEquals(stats.archivedSeq() + 1, stats.entries());
        }
    }

    /** A file an earlier attempt could have left under another partition, with the same segment's name. */
    private void plantStaleFile(RetentionRig rig) throws Exception {
        ClosedSegment next = rig.log.closedSegments().get(0);
        String name = ParquetArchive.name(next.baseSeq());
        List<Path> files = ArchiveFiles.named(dir.resolve("archive"), name);
        assertTrue(!files.isEmpty(), "the stopped attempt wrote its files");
        Path stale = dir.resolve("archive/day=2026-03-01/loop=zzz/" + name + "-7.parquet");
        Files.createDirectories(stale.getParent());
        Files.copy(files.get(0), stale);
    }

    @Test
    void aSegmentNotYetMaterialisedCheckpointedOrOldIsNeverArchived() throws Exception {
        List<LogEntry> in = RetentionRig.entries(0, 600, RetentionRig.T0);
        try (RetentionRig rig = new RetentionRig(dir)) {
            rig.append(in);
            rig.store.apply(in.subList(0, 250));
            rig.checkpointed = 400;
            // an hour after entry 480 was received: entries up to it are old enough, later ones are not
            rig.clock.set(java.time.Instant.ofEpochMilli(in.get(480).receivedMillis() + 1).plus(Duration.ofHours(1)));
            rig.retention.runOnce();
            assertArchivedBefore(rig, 250, "the store applied up to 249");
            rig.store.apply(in.subList(250, 600));
            rig.retention.runOnce();
            assertArchivedBefore(rig, 401, "the checkpoint reflects up to 400");
            rig.checkpointed = 599;
            rig.retention.runOnce();
            assertArchivedBefore(rig, 481, "entries received after 480 are younger than an hour");
            rig.clock.advance(Duration.ofDays(1));
            rig.retention.runOnce();
            assertEquals(List.of(), rig.log.closedSegments(), "every closed segment archived");
            assertEquals(in, rig.readLog(0));
        }
    }

    @Test
    void derivedRowsMoveToTheArchiveAndACutBackTakesArchivedRowsBack() throws Exception {
        List<Outcome> all = new java.util.ArrayList<>();
        for (int i = 1; i <= 10; i++) {
            all.add(new Outcome("d" + i, i % 3 == 0 ? "_x" : "feed", "u1", "a" + i, 1, 0.5, null, "m1", "champion",
                    RetentionRig.T0.plusSeconds(i * 3_600L), 3, List.of("click"), i, false, 0));
        }
        try (RetentionRig rig = new RetentionRig(dir); DuckDbOutcomeStore outcomes = new DuckDbOutcomeStore(rig.store)) {
            rig.clock.advance(Duration.ofDays(3));
            for (int[] part : new int[][] {{0, 4}, {4, 6}, {6, 10}}) {
                outcomes.append(all.subList(part[0], part[1]));
                rig.retention.runOnce();
            }
            assertEquals(10, rig.retention.stats().derivedRows());
            assertEquals(0, rig.count("SELECT count(*) FROM outcomes_live"));
            assertEquals(all, query(outcomes));
            outcomes.keepFirst(5); // inside the second file group (rows 5 and 6)
            assertEquals(all.subList(0, 5), query(outcomes));
            assertEquals(1, rig.count("SELECT count(*) FROM outcomes_live"), "row 5 is back in the live table");
            assertEquals(4, rig.count("SELECT value FROM meta WHERE key = 'archived_outcomes'"), "archived up to the file group before");
            outcomes.append(all.subList(5, 10));
            rig.retention.runOnce();
            assertEquals(all, query(outcomes), "archived again, once");
            outcomes.keepFirst(0);
            assertEquals(List.of(), query(outcomes));
            assertEquals(List.of(), ArchiveFiles.files(dir.resolve("archive-derived")));
        }
    }

    /** Every outcome, of both loops, by time. */
    private static List<Outcome> query(DuckDbOutcomeStore s) {
        List<Outcome> out = new java.util.ArrayList<>(s.query("feed", java.time.Instant.EPOCH, java.time.Instant.parse("2100-01-01T00:00:00Z"), 100));
        out.addAll(s.query("_x", java.time.Instant.EPOCH, java.time.Instant.parse("2100-01-01T00:00:00Z"), 100));
        out.sort(java.util.Comparator.comparing(Outcome::decidedAt));
        return out;
    }

    /** Every closed segment ending before {@code bound} is archived, none that ends at or after it. */
    private static void assertArchivedBefore(RetentionRig rig, long bound, String why) {
        List<ClosedSegment> left = rig.log.closedSegments();
        assertTrue(!left.isEmpty() && left.get(0).lastSeq() >= bound, why + ": first segment left " + left);
        assertEquals(left.get(0).baseSeq() - 1, rig.retention.stats().archivedSeq(), why);
        assertTrue(rig.retention.stats().archivedSeq() > bound - 60, why + ": archived through " + rig.retention.stats().archivedSeq());
    }
}
