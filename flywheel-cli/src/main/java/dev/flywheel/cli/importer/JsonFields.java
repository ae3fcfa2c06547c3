package dev.flywheel.cli.importer;

import dev.flywheel.config.ConfigException;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Free-form attributes (an event's props, an item's attributes): a column holding a JSON object
 * (text, JSON, or a nested STRUCT or MAP column), or {@code { columns: [a, b] }}, which builds the
 * object from those columns with their own names and types.
 */
final class JsonFields {
    private JsonFields() { }

    static FieldSpec read(MappingNode n, String name) {
        Object raw = n.raw(name);
        if (raw instanceof Map<?, ?> m && m.containsKey("columns")) {
            MappingNode c = n.child(name);
            c.only(Set.of("columns"));
            List<String> cols = c.strings("columns");
            if (cols.isEmpty()) throw new ConfigException(c.keyOf("columns"), "must name at least one column");
            StringBuilder sql = new StringBuilder("json_object(");
            for (int i = 0; i < cols.size(); i++) {
                if (i > 0) sql.append(", ");
                sql.append(Sql.literal(cols.get(i))).append(", ").append(Sql.ident(cols.get(i)));
            }
            return new FieldSpec(FieldSpec.Kind.SQL, sql.append(')').toString(), n.keyOf(name));
        }
        return FieldSpec.read(n, name, FieldSpec.Kind.COLUMN, Set.of());
    }

    /**
     * The expression for the object's JSON text, NULL when the value is not a JSON object;
     * {@code type} is the DuckDB type of the field.
     */
    static String objectText(FieldSpec f, String type) {
        String x = f.sql();
        if (ColumnTypes.isNested(type)) return "CAST(to_json(" + x + ") AS VARCHAR)";
        String text = "CAST(" + x + " AS VARCHAR)";
        return "CASE WHEN json_valid(" + text + ") AND json_type(" + text + ") = 'OBJECT' THEN " + text + " END";
    }
}
