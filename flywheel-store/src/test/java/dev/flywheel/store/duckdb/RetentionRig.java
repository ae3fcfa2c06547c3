package dev.flywheel.store.duckdb;

import dev.flywheel.catalog.Item;
import dev.flywheel.decision.Decision;
import dev.flywheel.decision.ServedItem;
import dev.flywheel.decision.ShadowRanking;
import dev.flywheel.event.Event;
import dev.flywheel.event.FieldError;
import dev.flywheel.feature.ServedFeatures;
import dev.flywheel.log.LogEntry;
import dev.flywheel.log.LogReader;
import dev.flywheel.log.Rejected;
import dev.flywheel.store.file.SegmentedFileLog;
import dev.flywheel.time.ManualClock;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A data directory as the engine lays it out (log with its archive, store, feature log), with tiny
 * segments, a clock the test moves, and a checkpointed seq the test sets.
 */
final class RetentionRig implements AutoCloseable {
    static final Instant T0 = Instant.parse("2026-03-01T23:00:00Z");
    static final String[] LOOPS = {"feed", null, "_none", "_x", "a/b c", "feed", "home"};
    final Path dir;
    final ManualClock clock = new ManualClock(T0);
    volatile long checkpointed = -1;
    SegmentedFileLog log;
    DuckDbRecordStore store;
    DuckDbFeatureLog features;
    LogRetention retention;

    RetentionRig(Path dir) {
        this.dir = dir;
        open();
    }

    void open() {
        log = new SegmentedFileLog(dir.resolve("log"), false, 8_192, new ParquetArchive(dir.resolve("archive")));
        store = new DuckDbRecordStore(dir.resolve("store.duckdb"));
        features = new DuckDbFeatureLog(store);
        retention = new LogRetention(log, store, () -> checkpointed, Duration.ofHours(1), clock);
    }

    /** Stops as a crash would: no more steps, every handle closed. */
    @Override
    public void close() {
        retention.close();
        features.close();
        store.close();
        log.close();
    }

    void reopen() {
        close();
        open();
    }

    /** Appends, applies to the store, records served features of the decisions, and checkpoints there. */
    void write(List<LogEntry> entries) {
        append(entries);
        store.apply(entries);
        features.append(served(entries));
        checkpointed = store.appliedSeq();
    }

    /** The features served with the entries' decisions of even seqs. */
    static List<ServedFeatures> served(List<LogEntry> entries) {
        List<ServedFeatures> f = new ArrayList<>();
        for (LogEntry e : entries) {
            if (e instanceof LogEntry.DecisionEntry d && d.seq() % 2 == 0) {
                for (ServedItem s : d.decision().items()) {
                    f.add(new ServedFeatures(e.seq(), d.decision().id(), d.decision().loop(), s.item(), s.position(),
                            new double[] {e.seq(), s.position() / 3.0, Double.MIN_VALUE}));
                }
            }
        }
        return f;
    }

    /** Appends a few entries at a time, as ingest groups do: a group never spans two segments. */
    void append(List<LogEntry> entries) {
        for (int i = 0; i < entries.size(); i += 7) log.append(entries.subList(i, Math.min(entries.size(), i + 7)));
    }

    /** {@code n} entries from {@code from}, received ten seconds apart from {@code at}: every kind, loops of every shape. */
    static List<LogEntry> entries(long from, int n, Instant at) {
        List<LogEntry> out = new ArrayList<>(n);
        for (long s = from; s < from + n; s++) {
            long received = at.toEpochMilli() + (s - from) * 10_000;
            Instant t = at.plusMillis((s - from) * 10_000 - 5_000).plusNanos(s % 1_000);
            String loop = LOOPS[(int) (s % LOOPS.length)];
            if (s % 5 == 1) {
                out.add(new LogEntry.DecisionEntry(s, received, decision(s, loop == null ? "feed" : loop, t)));
            } else if (s % 17 == 3) {
                out.add(new LogEntry.ItemEntry(s, received, new Item("a" + s % 20, "Title " + s, "body " + s, List.of("news", "t" + s % 3),
                        s % 2 == 0 ? null : "{\"len\":" + s + "}", s % 3 == 0 ? null : t)));
            } else if (s % 19 == 4) {
                out.add(new LogEntry.QuarantineEntry(s, received, new Rejected("event", (int) (s % 3), s % 2 == 0 ? null : "bad" + s,
                        List.of(new FieldError("timestamp", "is required"), new FieldError("type", "unknown")), "{\"id\":\"bad" + s + "\"}")));
            } else {
                out.add(new LogEntry.EventEntry(s, received, new Event("e" + s, s % 2 == 0 ? "impression" : "purchase", t, "u" + s % 7,
                        s % 3 == 0 ? "s1" : null, "d" + (s - 1), loop, "a" + s % 20, s % 2 == 0 ? null : 1.5 + s,
                        s % 4 == 0 ? "{\"p\":" + s + "}" : null)));
            }
        }
        return out;
    }

    private static Decision decision(long s, String loop, Instant t) {
        List<ServedItem> served = List.of(new ServedItem("a" + s % 20, 1, 0.7, 0.5), new ServedItem("b" + s, 2, null, 0.25),
                new ServedItem("c" + s, 3, 0.1, 0.25));
        List<ShadowRanking> shadows = s % 2 == 0 ? List.of() : List.of(new ShadowRanking("v2", List.of(new ServedItem("b" + s, 1, 0.9, 1.0))),
                new ShadowRanking("v3", List.of(new ServedItem("c" + s, 1, null, 0.5), new ServedItem("a" + s % 20, 2, 0.2, 0.5))));
        return new Decision("d" + s, loop, "u" + s % 7, t, "m1", s % 3 == 0 ? "canary" : "champion", s % 3 == 0 ? 0.1 : null, (int) (s % 4),
                served, List.of("a" + s % 20, "b" + s, "c" + s, "z"), s % 2 == 0 ? null : "{\"page\":" + s + "}", shadows);
    }

    /** Every history view's rows, each as one line, in a fixed order. */
    Map<String, List<String>> views() throws Exception {
        Map<String, List<String>> out = new LinkedHashMap<>();
        try (Connection c = store.connect(); Statement s = c.createStatement()) {
            for (String v : List.of("events", "decisions", "decision_items", "decision_shadows", "quarantine", "items", "decision_features")) {
                out.put(v, rows(s, "SELECT * FROM " + v + " ORDER BY ALL"));
            }
        }
        return out;
    }

    static List<String> rows(Statement s, String sql) throws Exception {
        List<String> out = new ArrayList<>();
        try (ResultSet r = s.executeQuery(sql)) {
            ResultSetMetaData m = r.getMetaData();
            while (r.next()) {
                StringBuilder b = new StringBuilder();
                for (int i = 1; i <= m.getColumnCount(); i++) {
                    Object o = r.getObject(i);
                    b.append(m.getColumnName(i)).append('=').append(o instanceof java.sql.Array a ? List.of((Object[]) a.getArray()) : o).append(' ');
                }
                out.add(b.toString());
            }
        }
        return out;
    }

    long count(String sql) throws Exception {
        try (Connection c = store.connect(); Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
            r.next();
            return r.getLong(1);
        }
    }

    List<LogEntry> readLog(long from) {
        List<LogEntry> out = new ArrayList<>();
        try (LogReader r = log.reader(from)) {
            while (r.poll(97, out::add) > 0) {
                // drain
            }
        }
        return out;
    }
}
