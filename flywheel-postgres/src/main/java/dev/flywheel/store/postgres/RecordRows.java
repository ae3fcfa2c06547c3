package dev.flywheel.store.postgres;

import dev.flywheel.catalog.Item;
import dev.flywheel.decision.Decision;
import dev.flywheel.decision.ServedItem;
import dev.flywheel.decision.ShadowRanking;
import dev.flywheel.event.Event;
import dev.flywheel.event.FieldError;
import dev.flywheel.log.LogEntry;
import dev.flywheel.log.Rejected;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Log entries as rows, gathered per table inside the caller's transaction and sent at {@link #flush}:
 * the many-row tables (events, served items) as arrays unnested by one statement ({@link Columns}),
 * those with array columns as JDBC batches. Column order follows {@link Migrations}. Counts what it
 * added per kind, for the stored counts kept in {@code meta}.
 */
final class RecordRows implements AutoCloseable {
    private final Columns events = new Columns("events", "int8", "timestamptz", "text", "text", "timestamptz", "text", "text",
            "text", "text", "text", "float8", "text");
    private final PreparedStatement decisions;
    private final Columns items = new Columns("decision_items", "int8", "text", "int4", "text", "float8", "float8");
    private final Columns shadows = new Columns("decision_shadows", "int8", "text", "text", "int4", "text", "float8", "float8");
    private final PreparedStatement quarantine;
    private final PreparedStatement catalog;
    long eventCount;
    long decisionCount;
    long quarantineCount;

    RecordRows(Connection c) throws SQLException {
        decisions = c.prepareStatement("INSERT INTO decisions VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
        quarantine = c.prepareStatement("INSERT INTO quarantine VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
        catalog = c.prepareStatement("INSERT INTO items VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
    }

    void add(LogEntry e) throws SQLException {
        if (e instanceof LogEntry.EventEntry x) event(x.seq(), x.receivedMillis(), x.event());
        else if (e instanceof LogEntry.DecisionEntry x) decision(x.seq(), x.receivedMillis(), x.decision());
        else if (e instanceof LogEntry.QuarantineEntry x) quarantine(x.seq(), x.receivedMillis(), x.rejected());
        else if (e instanceof LogEntry.ItemEntry x) item(x.seq(), x.receivedMillis(), x.item());
    }

    private void event(long seq, long received, Event e) {
        events.add(seq).add(Instant.ofEpochMilli(received)).add(e.id()).add(e.type()).add(e.timestamp()).add(e.user())
                .add(e.session()).add(e.decision()).add(e.loop()).add(e.item()).add(e.value()).add(e.propsJson());
        eventCount++;
    }

    /** The event's own columns, id to props, from parameter {@code at} on (ten of them). */
    static void eventColumns(PreparedStatement p, int at, Event e) throws SQLException {
        p.setString(at, e.id());
        p.setString(at + 1, e.type());
        Sql.instant(p, at + 2, e.timestamp());
        p.setString(at + 3, e.user());
        Sql.text(p, at + 4, e.session());
        Sql.text(p, at + 5, e.decision());
        Sql.text(p, at + 6, e.loop());
        Sql.text(p, at + 7, e.item());
        Sql.number(p, at + 8, e.value());
        Sql.text(p, at + 9, e.propsJson());
    }

    private void decision(long seq, long received, Decision d) throws SQLException {
        decisions.setLong(1, seq);
        Sql.millis(decisions, 2, received);
        decisions.setString(3, d.id());
        decisions.setString(4, d.loop());
        decisions.setString(5, d.user());
        Sql.instant(decisions, 6, d.timestamp());
        decisions.setString(7, d.model());
        decisions.setString(8, d.arm());
        Sql.texts(decisions, 9, d.candidates());
        Sql.text(decisions, 10, d.contextJson());
        Sql.number(decisions, 11, d.armProbability());
        decisions.setInt(12, d.period());
        decisions.addBatch();
        decisionCount++;
        for (ServedItem s : d.items()) served(items.add(seq).add(d.id()), s);
        for (ShadowRanking r : d.shadows()) {
            for (ServedItem s : r.items()) served(shadows.add(seq).add(d.id()).add(r.version()), s);
        }
    }

    private static void served(Columns row, ServedItem s) {
        row.add(s.position()).add(s.item()).add(s.score()).add(s.propensity());
    }

    private void quarantine(long seq, long received, Rejected r) throws SQLException {
        List<String> fields = new ArrayList<>();
        List<String> messages = new ArrayList<>();
        for (FieldError e : r.errors()) {
            fields.add(e.field());
            messages.add(e.message());
        }
        quarantine.setLong(1, seq);
        Sql.millis(quarantine, 2, received);
        quarantine.setString(3, r.source());
        quarantine.setInt(4, r.index());
        Sql.text(quarantine, 5, r.recordId());
        Sql.texts(quarantine, 6, fields);
        Sql.texts(quarantine, 7, messages);
        Sql.text(quarantine, 8, r.raw());
        quarantine.addBatch();
        quarantineCount++;
    }

    /** Every version of an item is kept; the latest seq per id is the current one. */
    private void item(long seq, long received, Item i) throws SQLException {
        catalog.setLong(1, seq);
        Sql.millis(catalog, 2, received);
        catalog.setString(3, i.id());
        Sql.text(catalog, 4, i.title());
        Sql.text(catalog, 5, i.body());
        Sql.texts(catalog, 6, i.topics());
        Sql.text(catalog, 7, i.attributesJson());
        Sql.instant(catalog, 8, i.published());
        catalog.addBatch();
    }

    /** Sends every batch. */
    void flush(Connection c) throws SQLException {
        events.insert(c);
        for (PreparedStatement p : List.of(decisions, quarantine, catalog)) p.executeBatch();
        items.insert(c);
        shadows.insert(c);
    }

    @Override
    public void close() throws SQLException {
        for (PreparedStatement p : List.of(decisions, quarantine, catalog)) p.close();
    }
}
