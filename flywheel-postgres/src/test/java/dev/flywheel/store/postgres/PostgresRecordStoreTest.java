package dev.flywheel.store.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flywheel.decision.Decision;
import dev.flywheel.decision.ServedItem;
import dev.flywheel.decision.ShadowRanking;
import dev.flywheel.event.Event;
import dev.flywheel.event.LoggedRecord;
import dev.flywheel.log.LogEntry;
import dev.flywheel.log.LogException;
import dev.flywheel.log.RecordStore;
import dev.flywheel.log.StoredCounts;
import dev.flywheel.log.contract.Entries;
import dev.flywheel.log.contract.RecordStoreContract;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class PostgresRecordStoreTest extends RecordStoreContract {
    private final Reopening db = new Reopening();

    @Override
    protected RecordStore open(Path dir) {
        return new PostgresRecordStore(db.open());
    }

    @AfterEach
    void closeDatabase() {
        db.close();
    }

    private static StoredCounts counted(List<LogEntry> entries) {
        long e = 0;
        long d = 0;
        long q = 0;
        for (LogEntry x : entries) {
            if (x instanceof LogEntry.EventEntry) e++;
            if (x instanceof LogEntry.DecisionEntry) d++;
            if (x instanceof LogEntry.QuarantineEntry) q++;
        }
        return new StoredCounts(e, d, q);
    }

    @Test
    void anApplyThatFailsHalfwayLeavesNeitherItsRowsNorItsSeq() throws Exception {
        RecordStore s = open(dir);
        s.apply(Entries.mixed(0, 10));
        try (Connection c = db.current().connect(); Statement st = c.createStatement()) {
            // a row in the way of seq 40 (an event there) makes the next apply fail after its first rows went in
            st.execute("INSERT INTO events (seq, received, id, type, ts, user_id) VALUES (40, now(), 'x', 'click', now(), 'u')");
        }
        LogException e = assertThrows(LogException.class, () -> s.apply(Entries.mixed(10, 50)));
        assertTrue(e.getMessage().contains("events_pkey") && e.getMessage().length() < 500,
                "the server's error, not the batch's statements with every row: " + e.getMessage().length() + " chars");
        assertEquals(9, s.appliedSeq());
        assertEquals(counted(Entries.mixed(0, 10)), s.counts());
        try (Connection c = db.current().connect(); Statement st = c.createStatement();
             ResultSet r = st.executeQuery("SELECT count(*) FROM events WHERE seq BETWEEN 10 AND 59 AND id <> 'x'")) {
            r.next();
            assertEquals(0, r.getLong(1));
        }
    }

    @Test
    void twoWritersApplyingOverlappingEntriesAtOnceStoreEachEntryOnce() throws Exception {
        List<LogEntry> in = Entries.mixed(0, 2_000);
        RecordStore a = open(dir);
        try (PostgresDatabase second = PostgresDatabase.open(LocalPostgres.shared().settings(db.current().schema()).withPoolSize(4))) {
            RecordStore b = new PostgresRecordStore(second);
            ExecutorService pool = Executors.newFixedThreadPool(2);
            List<Future<?>> runs = new ArrayList<>();
            for (RecordStore s : List.of(a, b)) {
                runs.add(pool.submit(() -> {
                    for (int from = 0; from < in.size(); from += 100) s.apply(in.subList(Math.max(0, from - 50), from + 100));
                }));
            }
            for (Future<?> f : runs) f.get();
            pool.shutdown();
            assertEquals(1_999, b.appliedSeq());
            assertEquals(counted(in), b.counts());
        }
        List<String> ids = new ArrayList<>();
        a.forEachId(LoggedRecord.Kind.EVENT, ids::add);
        assertEquals(counted(in).events(), ids.size());
        assertEquals(ids.size(), new HashSet<>(ids).size(), "no id twice");
    }

    @Test
    void eventTimesAreKeptToTheMicrosecondBeforeAndAfterTheEpoch() throws Exception {
        List<Instant> times = List.of(Instant.parse("2026-11-27T10:00:00.999999999Z"), Instant.parse("1969-12-31T23:59:59.000001Z"),
                Instant.parse("2199-01-01T00:00:00.123456Z"), Instant.parse("1970-01-01T00:00:00Z"));
        List<LogEntry> in = new ArrayList<>();
        for (int i = 0; i < times.size(); i++) {
            in.add(new LogEntry.EventEntry(i, 1_000 + i, new Event("e" + i, "click", times.get(i), "u", null, null, null, null, null, null)));
        }
        open(dir).apply(in);
        List<Instant> back = new ArrayList<>();
        try (Connection c = db.current().connect(); Statement st = c.createStatement();
             ResultSet r = st.executeQuery("SELECT ts, received FROM events ORDER BY seq")) {
            while (r.next()) {
                back.add(Sql.instant(r, 1));
                assertEquals(1_000 + back.size() - 1, Sql.instant(r, 2).toEpochMilli());
            }
        }
        assertEquals(times.stream().map(t -> t.truncatedTo(ChronoUnit.MICROS)).toList(), back, "cut, as DuckDB cuts, not rounded");
    }

    @Test
    void decisionsTheirServedItemsAndShadowsAreColumnsForAnalysis() throws Exception {
        Instant t = Instant.parse("2026-11-27T10:00:00.123456Z");
        Decision d = new Decision("d1", "feed", "u1", t, "v2", "canary", 0.1, 3,
                List.of(new ServedItem("a", 1, 0.9, 0.8), new ServedItem("b", 2, null, 0.2)), List.of("a", "b", "c"), "{\"k\":1}",
                List.of(new ShadowRanking("v3", List.of(new ServedItem("c", 1, 0.7, 1.0)))));
        RecordStore s = open(dir);
        s.apply(List.of(new LogEntry.DecisionEntry(0, 1_000, d)));
        String sql = "SELECT d.ts, d.candidates, d.arm_probability, d.period, i.item, i.score, i.propensity, sh.version, sh.item "
                + "FROM decisions d JOIN decision_items i ON i.decision_id = d.id JOIN decision_shadows sh ON sh.decision_id = d.id "
                + "ORDER BY i.position";
        try (Connection c = db.current().connect(); Statement st = c.createStatement(); ResultSet r = st.executeQuery(sql)) {
            r.next();
            assertEquals(t, Sql.instant(r, 1));
            assertEquals(List.of("a", "b", "c"), Sql.texts(r, 2));
            assertEquals(0.1, r.getDouble(3));
            assertEquals(3, r.getInt(4));
            assertEquals("a", r.getString(5));
            assertEquals("v3", r.getString(8));
            r.next();
            assertEquals(null, Sql.number(r, 6));
            assertEquals(0.2, r.getDouble(7));
            assertEquals("c", r.getString(9));
        }
    }
}
