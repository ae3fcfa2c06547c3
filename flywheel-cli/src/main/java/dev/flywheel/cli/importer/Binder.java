package dev.flywheel.cli.importer;

import dev.flywheel.config.ConfigException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * Checks the mapping against the file before any row is read: every column it names exists, every
 * expression compiles, and their types are known. An empty copy of the source ({@code LIMIT 0})
 * keeps this from reading the file once per expression.
 */
final class Binder {
    private final DuckInput db;
    private final String empty;
    private final List<SourceTable.Column> columns;
    private final SourceTable source;

    Binder(DuckInput db, SourceTable source, String relation, List<SourceTable.Column> columns) throws SQLException {
        this.db = db;
        this.source = source;
        this.columns = columns;
        this.empty = source.name() + "_schema";
        db.execute("CREATE OR REPLACE TABLE " + empty + " AS SELECT * FROM " + relation + " LIMIT 0");
    }

    /** The DuckDB type of the field's expression, or a mapping error naming its key. */
    String typeOf(FieldSpec f) {
        if (f.kind() == FieldSpec.Kind.COLUMN && columns.stream().noneMatch(c -> c.name().equals(f.text()))) {
            throw new ConfigException(f.key(), "no column '" + f.text() + "' in " + source.file() + "; its columns are "
                    + columns.stream().map(SourceTable.Column::name).toList());
        }
        return typeOf(f.sql(), f.key(), f.text());
    }

    String typeOf(String sql, String key, String shown) {
        try (Statement s = db.connection().createStatement();
             ResultSet r = s.executeQuery("DESCRIBE SELECT " + sql + " AS x FROM " + empty)) {
            r.next();
            return r.getString(2);
        } catch (SQLException e) {
            throw new ConfigException(key, "cannot evaluate \"" + shown + "\" on " + source.file().getFileName() + ": " + Sql.firstLine(e));
        }
    }
}
