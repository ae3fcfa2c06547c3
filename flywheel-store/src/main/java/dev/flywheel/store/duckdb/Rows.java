package dev.flywheel.store.duckdb;

import dev.flywheel.decision.Decision;
import dev.flywheel.decision.ServedItem;
import dev.flywheel.decision.ShadowRanking;
import dev.flywheel.event.Event;
import dev.flywheel.event.FieldError;
import dev.flywheel.log.Rejected;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.duckdb.DuckDBAppender;

/** Writes log entries as rows through DuckDB appenders; column order follows {@link Schema}. */
final class Rows {
    private Rows() { }

    static void event(DuckDBAppender a, long seq, long received, Event e) throws SQLException {
        a.beginRow().append(seq).appendEpochMicros(received * 1_000L);
        eventColumns(a, e);
        a.endRow();
    }

    /** The event's own columns, id to props, appended to the current row. */
    static void eventColumns(DuckDBAppender a, Event e) throws SQLException {
        a.append(e.id()).append(e.type());
        micros(a, e.timestamp());
        a.append(e.user());
        nullable(a, e.session());
        nullable(a, e.decision());
        nullable(a, e.loop());
        nullable(a, e.item());
        if (e.value() == null) a.appendNull(); else a.append(e.value().doubleValue());
        nullable(a, e.propsJson());
    }

    static void decision(DuckDBAppender a, DuckDBAppender items, DuckDBAppender shadows, long seq, long received,
                         Decision d) throws SQLException {
        a.beginRow().append(seq).appendEpochMicros(received * 1_000L).append(d.id()).append(d.loop()).append(d.user());
        micros(a, d.timestamp());
        a.append(d.model()).append(d.arm()).append(d.candidates());
        nullable(a, d.contextJson());
        if (d.armProbability() == null) a.appendNull(); else a.append(d.armProbability().doubleValue());
        a.append(d.period());
        a.endRow();
        for (ServedItem s : d.items()) {
            items.beginRow().append(seq).append(d.id()).append(s.position()).append(s.item());
            served(items, s);
        }
        for (ShadowRanking r : d.shadows()) {
            for (ServedItem s : r.items()) {
                shadows.beginRow().append(seq).append(d.id()).append(r.version()).append(s.position()).append(s.item());
                served(shadows, s);
            }
        }
    }

    private static void served(DuckDBAppender a, ServedItem s) throws SQLException {
        if (s.score() == null) a.appendNull(); else a.append(s.score().doubleValue());
        a.append(s.propensity()).endRow();
    }

    static void quarantine(DuckDBAppender a, long seq, long received, Rejected r) throws SQLException {
        List<String> fields = new ArrayList<>();
        List<String> messages = new ArrayList<>();
        for (FieldError e : r.errors()) {
            fields.add(e.field());
            messages.add(e.message());
        }
        a.beginRow().append(seq).appendEpochMicros(received * 1_000L).append(r.source()).append(r.index());
        nullable(a, r.recordId());
        a.append(fields).append(messages);
        nullable(a, r.raw());
        a.endRow();
    }

    /** Every version of an item is kept; the latest seq per id is the current one. */
    static void item(DuckDBAppender a, long seq, long received, dev.flywheel.catalog.Item i) throws SQLException {
        a.beginRow().append(seq).appendEpochMicros(received * 1_000L).append(i.id());
        nullable(a, i.title());
        nullable(a, i.body());
        a.append(i.topics());
        nullable(a, i.attributesJson());
        if (i.published() == null) a.appendNull(); else micros(a, i.published());
        a.endRow();
    }

    private static void micros(DuckDBAppender a, Instant t) throws SQLException {
        a.appendEpochMicros(t.getEpochSecond() * 1_000_000L + t.getNano() / 1_000);
    }

    /** A timestamp read back as {@code epoch_us(...)}. */
    static Instant instant(long epochMicros) {
        return Instant.ofEpochSecond(Math.floorDiv(epochMicros, 1_000_000L), Math.floorMod(epochMicros, 1_000_000L) * 1_000L);
    }

    /** A {@code DOUBLE[]} column read back. */
    static double[] doubles(java.sql.Array column) throws SQLException {
        Object[] a = (Object[]) column.getArray();
        double[] out = new double[a.length];
        for (int i = 0; i < a.length; i++) out[i] = ((Number) a[i]).doubleValue();
        return out;
    }

    static void nullable(DuckDBAppender a, String s) throws SQLException {
        if (s == null) a.appendNull(); else a.append(s);
    }
}
