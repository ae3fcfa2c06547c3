package dev.flywheel.cli.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flywheel.config.FlywheelConfig;
import dev.flywheel.decision.Decision;
import dev.flywheel.event.Event;
import dev.flywheel.event.LoggedRecord;
import dev.flywheel.ingest.IngestBatch;
import dev.flywheel.log.LogEntry;
import dev.flywheel.log.LogReader;
import dev.flywheel.outcome.Outcome;
import dev.flywheel.sim.SimClock;
import dev.flywheel.state.Checkpoint;
import dev.flywheel.store.duckdb.DuckDbExperimentSource;
import dev.flywheel.store.duckdb.DuckDbOutcomeStore;
import dev.flywheel.store.duckdb.RetentionStats;
import dev.flywheel.store.file.FileCheckpointStore;
import dev.flywheel.topology.LoopHistory;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Retention in the running engine, under a steady stream with 64 KiB segments and an age of two
 * hours of a clock the test moves: the log directory and the live store stay bounded by what arrived
 * within the age while the archive grows, and everything acknowledged reads back as on a twin engine
 * without retention fed the same stream (the log from seq 0, the history views, analysis, outcomes,
 * a training snapshot). A start without checkpoints then replays the archive and the segments and
 * ends where a start from the checkpoint ends, operator by operator and in the outcome table.
 */
class RetentionEngineTest {
    private static final int SEGMENT = 64 << 10;
    private static final Duration AGE = Duration.ofHours(2);

    @TempDir
    Path dir;

    static FlywheelConfig config(boolean retention) {
        Map<String, Object> log = new HashMap<>(Map.of("fsync", false, "checkpoint_entries", 100, "checkpoint_interval", "0s",
                "segment_bytes", SEGMENT, "retention_check", "1h"));
        if (retention) log.put("retention", "2h");
        return FlywheelConfig.from(Map.of("log", log, "loops", List.of(Map.of("name", "feed",
                "reward", Map.of("weights", Map.of("like", 1.0, "click", 0.1, "dislike", -1.0)),
                "collaborative", Map.of("enabled", false), "quality", Map.of("enabled", true)))));
    }

    /** What one round left on disk. */
    private record Round(Instant at, long logBytes, long appended, long storeBytes, long archiveBytes, long liveEntries,
                         long liveOutcomes, long outcomes) { }

    @Test
    void diskStaysBoundedUnderASteadyStreamAndEverythingReadsBack() throws Exception {
        List<List<LoggedRecord>> rounds = rounds(LoopHistory.of(11, 3_000), 400);
        SimClock clock = new SimClock(LoopHistory.START);
        Path kept = dir.resolve("kept");
        Path retained = dir.resolve("retained");
        List<Round> seen = new ArrayList<>();
        try (Engine twin = Engine.open(kept, config(false), clock, null); Engine e = Engine.open(retained, config(true), clock, null)) {
            assertNull(twin.retention(), "off unless log.retention is set");
            long freedBefore = 0;
            long logBefore = 0;
            for (List<LoggedRecord> round : rounds) {
                clock.advanceTo(newest(round).plusSeconds(60));
                write(twin, round);
                write(e, round);
                RetentionStats stats = e.retention().runOnce();
                long logBytes = DataDirs.bytes(retained.resolve("log"));
                long appended = logBytes + stats.logBytes() - logBefore - freedBefore;
                logBefore = logBytes;
                freedBefore = stats.logBytes();
                assertEquals(e.storageLog().nextSeq() - 1 - stats.archivedSeq(), liveEntries(e), "the live tables hold the segments' entries");
                seen.add(new Round(clock.instant(), logBytes, appended, DataDirs.bytes(retained, "store.duckdb"),
                        DataDirs.bytes(retained.resolve("archive")) + DataDirs.bytes(retained.resolve("archive-derived")), liveEntries(e),
                        count(e, "SELECT count(*) FROM outcomes_live"), count(e, "SELECT count(*) FROM outcomes")));
            }
            assertBounded(seen);
            // a quiet idle closes the last minute's windows: one engine's, between two reads, set them apart
            assertTrue(twin.awaitQuietIdle(120_000) && e.awaitQuietIdle(120_000), "both streams idle after the last entry");
            assertReadsLikeTheTwin(twin, e);
            report(seen, e.retention().stats());
        }
        assertAStartWithoutCheckpointsEndsWhereAStartFromOneEnds(retained);
    }

    /** The log directory holds at most the rounds within the age and two segments; the live outcomes, those rounds' rows. */
    private static void assertBounded(List<Round> seen) {
        long maxLog = 0;
        for (int r = 0; r < seen.size(); r++) {
            long window = 0;
            long windowOutcomes = 0;
            for (int k = 0; k <= r; k++) {
                if (!seen.get(k).at().isBefore(seen.get(r).at().minus(AGE))) {
                    window += seen.get(k).appended();
                    windowOutcomes += seen.get(k).outcomes() - (k == 0 ? 0 : seen.get(k - 1).outcomes());
                }
            }
            Round x = seen.get(r);
            assertTrue(x.logBytes() <= window + 2L * SEGMENT, "round " + r + ": log " + x.logBytes() + " > window " + window + " + 2 segments");
            assertTrue(x.liveOutcomes() <= windowOutcomes, "round " + r + ": live outcomes " + x.liveOutcomes() + " > " + windowOutcomes);
            maxLog = Math.max(maxLog, x.logBytes());
        }
        long total = seen.stream().mapToLong(Round::appended).sum();
        assertTrue(total > 5 * maxLog, "the log held at most " + maxLog + " of " + total + " bytes appended");
        Round third = seen.get(seen.size() / 3);
        Round last = seen.get(seen.size() - 1);
        assertTrue(last.archiveBytes() > 2 * third.archiveBytes(), "the archive grows: " + third + " -> " + last);
        assertTrue(last.storeBytes() <= 1.5 * third.storeBytes() + (4 << 20), "the store does not: " + third + " -> " + last);
    }

    private static void assertReadsLikeTheTwin(Engine twin, Engine e) throws Exception {
        List<LogEntry> all = readLog(twin);
        assertEquals(all, readLog(e), "every acknowledged entry from seq 0");
        assertTrue(e.retention().stats().entries() > all.size() / 2, "most of the log was archived: " + e.retention().stats());
        for (String view : List.of("events", "decisions", "decision_items", "items", "quarantine", "decision_features", "outcomes")) {
            assertEquals(dump(twin, "SELECT * FROM " + view + " ORDER BY ALL"), dump(e, "SELECT * FROM " + view + " ORDER BY ALL"), view);
        }
        try (Connection a = twin.store().connect(); Connection b = e.store().connect()) {
            // DuckDB sums in parallel in an order of its own: the figures agree to rounding, not to the last bit
            List<String> metrics = List.of("click", "like", "like/exposures");
            assertEquals(rounded(DuckDbExperimentSource.moments(a, "feed", metrics).toString()),
                    rounded(DuckDbExperimentSource.moments(b, "feed", metrics).toString()), "experiment moments");
        }
        assertEquals(outcomes(twin), outcomes(e));
        long through = e.storageLog().nextSeq() - 1;
        List<String> snapshot = rows(twin.snapshots().rows(twin.snapshots().create("feed", through, List.of()).id()));
        assertTrue(snapshot.size() > 1_000, "snapshot rows: " + snapshot.size());
        assertEquals(snapshot, rows(e.snapshots().rows(e.snapshots().create("feed", through, List.of()).id())), "training snapshot rows");
    }

    private static List<String> rows(List<dev.flywheel.model.TrainingRow> rows) {
        return rows.stream().map(r -> r.toString().replaceFirst("\\[D@\\p{XDigit}+", java.util.Arrays.toString(r.features()))).toList();
    }

    /** The text with every number cut to 10 significant digits. */
    private static String rounded(String text) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("-?\\d+\\.\\d+(E-?\\d+)?").matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) m.appendReplacement(out, String.format("%.10g", Double.parseDouble(m.group())));
        m.appendTail(out);
        return out.toString();
    }

    /** Two copies of the data: one starts from its checkpoint, the other (checkpoints deleted) replays the archive and the log. */
    private void assertAStartWithoutCheckpointsEndsWhereAStartFromOneEnds(Path data) throws Exception {
        Path restored = dir.resolve("restored");
        Path replayed = dir.resolve("replayed");
        DataDirs.copy(data, restored);
        DataDirs.copy(data, replayed);
        DataDirs.deleteTree(replayed.resolve("checkpoints"));
        Clock later = Clock.fixed(Instant.parse("2026-06-01T00:00:00Z"), ZoneOffset.UTC);
        List<Outcome> a;
        List<Outcome> b;
        try (Engine e = Engine.open(restored, config(true), later, null)) {
            assertTrue(e.streamStart().after() > 0, e.streamStart().toString());
            a = outcomes(e);
        }
        try (Engine e = Engine.open(replayed, config(true), later, null)) {
            assertEquals(-1, e.streamStart().after(), e.streamStart().toString());
            b = outcomes(e);
        }
        assertTrue(a.size() > 1_000, "outcomes: " + a.size());
        assertEquals(a, b, "the outcome table");
        Checkpoint ca = new FileCheckpointStore(restored.resolve("checkpoints"), 3).latest().orElseThrow();
        Checkpoint cb = new FileCheckpointStore(replayed.resolve("checkpoints"), 3).latest().orElseThrow();
        assertEquals(ca.seq(), cb.seq());
        assertEquals(ca.states().keySet(), cb.states().keySet());
        ca.states().forEach((op, bytes) -> assertArrayEquals(bytes, cb.states().get(op), op));
    }

    private static List<List<LoggedRecord>> rounds(List<LoggedRecord> history, int size) {
        List<List<LoggedRecord>> out = new ArrayList<>();
        for (int i = 0; i < history.size(); i += size) out.add(history.subList(i, Math.min(history.size(), i + size)));
        return out;
    }

    private static Instant newest(List<LoggedRecord> round) {
        Instant t = LoopHistory.START;
        for (LoggedRecord r : round) {
            Instant at = r instanceof Event ev ? ev.timestamp() : r instanceof Decision d ? d.timestamp() : t;
            if (at.isAfter(t)) t = at;
        }
        return t;
    }

    private static void write(Engine e, List<LoggedRecord> records) throws Exception {
        for (int i = 0; i < records.size(); i += 97) {
            e.pipeline().submit(new IngestBatch(records.subList(i, Math.min(records.size(), i + 97)), List.of())).get();
        }
        assertTrue(e.awaitStream(60_000));
        assertTrue(e.materializer().awaitSeq(e.storageLog().nextSeq() - 1, 60_000));
    }

    private static List<LogEntry> readLog(Engine e) {
        List<LogEntry> out = new ArrayList<>();
        try (LogReader r = e.storageLog().reader(0)) {
            while (r.poll(1_000, out::add) > 0) {
                // drain
            }
        }
        return out;
    }

    private static List<Outcome> outcomes(Engine e) {
        try (DuckDbOutcomeStore s = new DuckDbOutcomeStore(e.store())) {
            return s.query("feed", Instant.EPOCH, Instant.parse("2100-01-01T00:00:00Z"), 10_000_000);
        }
    }

    private static long liveEntries(Engine e) throws Exception {
        return count(e, "SELECT (SELECT count(*) FROM events_live) + (SELECT count(*) FROM decisions_live) "
                + "+ (SELECT count(*) FROM items_live) + (SELECT count(*) FROM quarantine_live)");
    }

    private static long count(Engine e, String sql) throws Exception {
        try (Connection c = e.store().connect(); Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
            r.next();
            return r.getLong(1);
        }
    }

    private static List<String> dump(Engine e, String sql) throws Exception {
        List<String> out = new ArrayList<>();
        try (Connection c = e.store().connect(); Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
            int n = r.getMetaData().getColumnCount();
            while (r.next()) {
                StringBuilder b = new StringBuilder();
                for (int i = 1; i <= n; i++) {
                    Object o = r.getObject(i);
                    b.append(o instanceof java.sql.Array arr ? List.of((Object[]) arr.getArray()) : o).append('|');
                }
                out.add(b.toString());
            }
        }
        return out;
    }

    private static void report(List<Round> seen, RetentionStats stats) {
        Round last = seen.get(seen.size() - 1);
        System.out.printf("retention: %d rounds, %d entries archived in %d segments: %d Parquet bytes (%.1f per entry) for %d log bytes;"
                        + " derived rows %d in %d bytes; at the end log %d, store %d, archive %d bytes; max log %d, max store %d%n",
                seen.size(), stats.entries(), stats.segments(), stats.bytes(), (double) stats.bytes() / stats.entries(), stats.logBytes(),
                stats.derivedRows(), stats.derivedBytes(), last.logBytes(), last.storeBytes(), last.archiveBytes(),
                seen.stream().mapToLong(Round::logBytes).max().orElse(0), seen.stream().mapToLong(Round::storeBytes).max().orElse(0));
        assertNotNull(stats);
    }
}
