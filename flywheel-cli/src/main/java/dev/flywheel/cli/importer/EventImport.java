package dev.flywheel.cli.importer;

import dev.flywheel.ingest.Admission;
import dev.flywheel.log.Rejected;
import java.sql.SQLException;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.LongConsumer;

/**
 * Events from one file: read through the mapping, sorted by (timestamp, row, emit rule) so that the
 * stream operators see the history in the order a live stream would have had (an impression before
 * the like of the same row), and merged with the decisions by time (a decision before the feedback
 * that carries its id, at equal times too).
 */
final class EventImport {
    private final MappedSource source;
    private final EventPlan plan;
    private final MappedTable table;
    private long events;

    private EventImport(MappedSource source, EventPlan plan, MappedTable table) {
        this.source = source;
        this.plan = plan;
        this.table = table;
    }

    /** Reads and maps the whole file; a mapping that does not fit the file fails here, before anything is stored. */
    static EventImport read(DuckInput db, SourceTable file, EventMapping mapping) throws SQLException {
        List<SourceTable.Column> columns = file.describe(db);
        EventMapping m = mapping != null ? mapping
                : EventMapping.api(columns.stream().map(SourceTable.Column::name).toList(), file.options(), file.describedAs());
        MappedSource source = new MappedSource(db, file, columns, m.keyFields(), java.util.Arrays.asList(m.props()));
        EventPlan plan = new EventPlan(m, source.binder());
        MappedTable table = source.map(plan.slots);
        table.encodeRepeatedText();
        return new EventImport(source, plan, table);
    }

    long rows() {
        return source.rowsRead();
    }

    /** Submits the events in order, with the decisions merged in; {@code progress} gets the rows done. */
    void submit(Submitter out, DecisionFile decisions, Admission admission, LongConsumer progress) throws SQLException {
        EventBuilder builder = new EventBuilder(plan, admission);
        RowNumbers rows = source.rowNumbers();
        long done = 0;
        try (MappedCursor c = table.open(Sql.ident("ts") + " NULLS LAST, rowid")) {
            while (c.next()) {
                RowFailure f = builder.build(c, rows, e -> {
                    decisions.takeUpTo(e.timestamp(), out::add);
                    out.add(e);
                    events++;
                });
                if (f != null) source.fail(f);
                if ((++done & 0xFFF) == 0) progress.accept(done);
            }
        }
        progress.accept(done);
        decisions.takeRest(out::add);
    }

    /** Hands over the quarantine entries: rows DuckDB could not read, and rows with a refused event. */
    void quarantine(Consumer<Rejected> sink) throws SQLException {
        source.quarantine(sink);
    }

    /** Events handed to the pipeline (accepted or duplicates). */
    long events() {
        return events;
    }

    long rejectedRows() {
        return source.rowsRejected();
    }

    void drop() throws SQLException {
        source.drop();
    }
}
