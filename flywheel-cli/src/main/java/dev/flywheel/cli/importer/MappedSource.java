package dev.flywheel.cli.importer;

import dev.flywheel.log.Rejected;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * A file read through its mapping into a {@link MappedTable}: the rows DuckDB could read, the ones it
 * could not (delimited files), and how to fetch a failed row's raw text for the quarantine.
 */
final class MappedSource {
    private final DuckInput db;
    private final SourceTable source;
    private final List<SourceTable.Column> columns;
    private final Map<String, String> overrides;
    private final String relation;
    private final Binder binder;
    private MappedTable table;
    private CsvRejects rejects = CsvRejects.none();
    private FailureLog failures;

    /**
     * Prepares to read {@code source}: {@code text} lists the identifier fields (their plain columns
     * are read as text), {@code json} the free-form attribute fields (kept as the file's JSON text).
     */
    MappedSource(DuckInput db, SourceTable source, List<SourceTable.Column> columns, List<FieldSpec> text,
                 List<FieldSpec> json) throws SQLException {
        this.db = db;
        this.source = source;
        this.columns = columns;
        this.overrides = overrides(source, columns, text, json);
        this.relation = source.relation(overrides, columns, source.rejects("read"));
        this.binder = new Binder(db, source, relation, columns);
    }

    /** Checks the mapping's fields and expressions against the file. */
    Binder binder() {
        return binder;
    }

    /** Reads the whole file into the mapped table, one column per slot. */
    MappedTable map(List<Slot> slots) throws SQLException {
        table = MappedTable.create(db, source.name() + "_mapped", relation, slots);
        if (source.keepsRejects()) rejects = CsvRejects.of(db, source, source.rejects("read"));
        failures = new FailureLog(db, source.name() + "_failed");
        return table;
    }

    private static Map<String, String> overrides(SourceTable source, List<SourceTable.Column> columns, List<FieldSpec> text,
                                                 List<FieldSpec> json) {
        Map<String, String> out = new HashMap<>();
        if (source.format() == SourceFormat.PARQUET) return out; // typed by the file; CASTs do the rest
        for (String c : plainColumns(text, columns)) out.put(c, "VARCHAR");
        if (source.format() == SourceFormat.JSONL) {
            // a field whose values mix types (text and numbers) is read as its text, not as JSON text in quotes
            for (SourceTable.Column c : columns) if (c.type().equals("JSON")) out.put(c.name(), "VARCHAR");
            // kept as the file's JSON text: inferred STRUCTs would add every other row's keys as nulls
            for (String c : plainColumns(json, columns)) out.put(c, "JSON");
        }
        return out;
    }

    /** The file's columns that {@code fields} name directly (not through SQL or as constants). */
    private static List<String> plainColumns(List<FieldSpec> fields, List<SourceTable.Column> columns) {
        return fields.stream().filter(f -> f != null && f.kind() == FieldSpec.Kind.COLUMN)
                .map(FieldSpec::text).filter(n -> columns.stream().anyMatch(c -> c.name().equals(n))).toList();
    }

    private static String kind(SourceTable source) {
        return source.name().equals("items") ? "item" : "event";
    }

    /** The file row of a mapped row. */
    RowNumbers rowNumbers() {
        return rejects.rowNumbers();
    }

    /** Keeps a row whose records were refused, for the quarantine. */
    void fail(RowFailure f) {
        failures.add(f);
    }

    /** Rows in the file: the mapped ones and the ones DuckDB could not read. */
    long rowsRead() {
        return table.rows() + rejects.size();
    }

    /** Rows quarantined: unreadable, or with a refused record. */
    long rowsRejected() {
        return rejects.size() + failures.size();
    }

    /** Hands over the quarantine entries: rows DuckDB could not read, then rows with refused records. */
    void quarantine(Consumer<Rejected> sink) throws SQLException {
        rejects.drain(kind(source), sink);
        failures.drain(source.relation(overrides, columns, source.rejects("rescan")), kind(source), sink);
    }

    void drop() throws SQLException {
        table.drop();
    }
}
