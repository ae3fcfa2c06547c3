package dev.flywheel.cli.importer;

import dev.flywheel.config.ConfigException;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * How the rows of an items file become catalog items. Plain strings name columns. {@code topics} is
 * a list column, or a text column cut at {@code split} (pieces trimmed, empty ones dropped).
 */
record ItemMapping(SourceOptions source, FieldSpec id, FieldSpec title, FieldSpec body, FieldSpec topics,
                   String split, FieldSpec attributes, TimeSpec published) {
    static final List<String> API_FIELDS = List.of("id", "title", "body", "topics", "attributes", "published");
    static final Set<String> KEYS = FieldSpec.union(SourceOptions.KEYS, Set.copyOf(API_FIELDS));
    /** How a text topics column of a file in the API's field names is cut (as in MovieLens' genres). */
    static final String API_SPLIT = "|";

    static ItemMapping read(MappingNode n) {
        n.only(KEYS);
        FieldSpec id = column(n, "id");
        if (id == null) throw new ConfigException(n.keyOf("id"), "is required: the column with the item's id");
        FieldSpec topics = FieldSpec.read(n, "topics", FieldSpec.Kind.COLUMN, Set.of("split"));
        String split = n.raw("topics") instanceof Map ? n.child("topics").string("split", null) : null;
        return new ItemMapping(SourceOptions.read(n), id, column(n, "title"), column(n, "body"), topics, split,
                JsonFields.read(n, "attributes"), TimeSpec.read(n, "published"));
    }

    private static FieldSpec column(MappingNode n, String name) {
        return FieldSpec.read(n, name, FieldSpec.Kind.COLUMN, Set.of());
    }

    /** A file in the API's own field names. */
    static ItemMapping api(List<String> columns, SourceOptions source, String file) {
        for (String c : columns) {
            if (!API_FIELDS.contains(c)) {
                throw new IllegalArgumentException(file + ": column '" + c + "' is not an item field " + API_FIELDS
                        + "; put other attributes in an attributes column, or map the columns with --mapping");
            }
        }
        if (!columns.contains("id")) {
            throw new IllegalArgumentException(file + ": has no column 'id' (columns: " + columns
                    + "); name the columns as POST /v1/items does, or map them with --mapping");
        }
        TimeSpec published = columns.contains("published")
                ? new TimeSpec(col(columns, "published"), TimeSpec.Unit.API, null) : null;
        return new ItemMapping(source, col(columns, "id"), col(columns, "title"), col(columns, "body"),
                col(columns, "topics"), API_SPLIT, col(columns, "attributes"), published);
    }

    private static FieldSpec col(List<String> columns, String name) {
        return columns.contains(name) ? FieldSpec.column(name, "items." + name) : null;
    }

    /**
     * The expression for the topics as a list of text; {@code type} is the field's DuckDB type. A
     * text column without {@code split} is one topic.
     */
    String topicsSql(String type) {
        String x = topics.sql();
        if (ColumnTypes.isList(type)) return "CAST(" + x + " AS VARCHAR[])";
        String text = "CAST(" + x + " AS VARCHAR)";
        if (split == null) return "CASE WHEN " + text + " IS NULL THEN NULL ELSE [" + text + "] END";
        return "list_filter(list_transform(string_split(" + text + ", " + Sql.literal(split) + "), lambda t: trim(t)), lambda t: t <> '')";
    }
}
