package dev.flywheel.cli.importer;

import dev.flywheel.catalog.Item;
import dev.flywheel.log.Rejected;
import java.sql.SQLException;
import java.util.List;
import java.util.function.Consumer;

/** Catalog items from one file, in file order, before any event (events may name them). */
final class ItemImport {
    private final MappedSource source;
    private final ItemPlan plan;
    private final MappedTable table;
    private long accepted;
    private long unchanged;

    private ItemImport(MappedSource source, ItemPlan plan, MappedTable table) {
        this.source = source;
        this.plan = plan;
        this.table = table;
    }

    static ItemImport read(DuckInput db, SourceTable file, ItemMapping mapping) throws SQLException {
        List<SourceTable.Column> columns = file.describe(db);
        ItemMapping m = mapping != null ? mapping
                : ItemMapping.api(columns.stream().map(SourceTable.Column::name).toList(), file.options(), file.describedAs());
        MappedSource source = new MappedSource(db, file, columns, List.of(m.id()), java.util.Arrays.asList(m.attributes()));
        ItemPlan plan = new ItemPlan(m, source.binder());
        return new ItemImport(source, plan, source.map(plan.slots));
    }

    void submit(Submitter out, StoredItems stored) throws SQLException {
        ItemBuilder builder = new ItemBuilder(plan);
        RowNumbers rows = source.rowNumbers();
        RowFailure[] failure = new RowFailure[1];
        try (MappedCursor c = table.open("rowid")) {
            while (c.next()) {
                Item item = builder.build(c, rows, failure);
                if (item == null) {
                    source.fail(failure[0]);
                } else if (stored.unchanged(item)) {
                    unchanged++;
                } else {
                    out.add(item);
                    accepted++;
                }
            }
        }
    }

    void quarantine(Consumer<Rejected> sink) throws SQLException {
        source.quarantine(sink);
    }

    Counts counts() {
        return new Counts(source.rowsRead(), accepted, unchanged, source.rowsRejected());
    }

    void drop() throws SQLException {
        source.drop();
    }
}
