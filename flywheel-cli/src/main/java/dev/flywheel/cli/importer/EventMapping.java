package dev.flywheel.cli.importer;

import dev.flywheel.config.ConfigException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * How the rows of an events file become events. Identity fields ({@code id, user, session,
 * decision, item}) name a column when given as a plain string; {@code loop} and an emit rule's
 * {@code type} are constants then, because one import usually feeds one loop and emits fixed types.
 * Without {@code id} the events get content-derived ids ({@link ContentId}).
 */
record EventMapping(SourceOptions source, FieldSpec id, FieldSpec user, FieldSpec session, FieldSpec decision,
                    FieldSpec loop, FieldSpec item, TimeSpec timestamp, FieldSpec props, List<EmitRule> emit) {
    /** The fields of {@code POST /v1/events}: a file without a mapping names its columns so. */
    static final List<String> API_FIELDS = List.of("id", "type", "timestamp", "user", "session", "decision", "loop",
            "item", "value", "props");
    static final Set<String> KEYS = FieldSpec.union(SourceOptions.KEYS, Set.of("id", "user", "session", "decision",
            "loop", "item", "timestamp", "props", "emit"));

    EventMapping {
        emit = List.copyOf(emit);
    }

    static EventMapping read(MappingNode n) {
        n.only(KEYS);
        TimeSpec ts = TimeSpec.read(n, "timestamp");
        FieldSpec user = key(n, "user");
        if (user == null) throw new ConfigException(n.keyOf("user"), "is required: the column that names the user");
        if (ts == null) throw new ConfigException(n.keyOf("timestamp"), "is required: the column with the time of the event");
        List<EmitRule> emit = new ArrayList<>();
        for (MappingNode r : n.children("emit")) emit.add(EmitRule.read(r));
        if (emit.isEmpty()) throw new ConfigException(n.keyOf("emit"), "is required: a list of { type, when, value } rules");
        return new EventMapping(SourceOptions.read(n), key(n, "id"), user, key(n, "session"), key(n, "decision"),
                FieldSpec.read(n, "loop", FieldSpec.Kind.CONSTANT, Set.of()), key(n, "item"), ts,
                JsonFields.read(n, "props"), emit);
    }

    private static FieldSpec key(MappingNode n, String name) {
        return FieldSpec.read(n, name, FieldSpec.Kind.COLUMN, Set.of());
    }

    /** A file in the API's own field names: every column is the event field of the same name. */
    static EventMapping api(List<String> columns, SourceOptions source, String file) {
        for (String c : columns) {
            if (!API_FIELDS.contains(c)) {
                throw new IllegalArgumentException(file + ": column '" + c + "' is not an event field " + API_FIELDS
                        + "; put custom attributes in a props column, or map the columns with --mapping");
            }
        }
        for (String required : List.of("type", "timestamp", "user")) {
            if (!columns.contains(required)) {
                throw new IllegalArgumentException(file + ": has no column '" + required + "' (columns: " + columns
                        + "); name the columns as POST /v1/events does, or map them with --mapping");
            }
        }
        String p = "events";
        FieldSpec value = columns.contains("value") ? FieldSpec.column("value", p + ".value") : null;
        EmitRule rule = new EmitRule(FieldSpec.column("type", p + ".type"), null, value, p);
        return new EventMapping(source, col(columns, "id"), col(columns, "user"), col(columns, "session"),
                col(columns, "decision"), col(columns, "loop"), col(columns, "item"),
                new TimeSpec(FieldSpec.column("timestamp", p + ".timestamp"), TimeSpec.Unit.API, null),
                col(columns, "props"), List.of(rule));
    }

    private static FieldSpec col(List<String> columns, String name) {
        return columns.contains(name) ? FieldSpec.column(name, "events." + name) : null;
    }

    /** The fields that hold identifiers: a plain column of one of these is read as text, never as a number. */
    List<FieldSpec> keyFields() {
        List<FieldSpec> out = new ArrayList<>();
        for (FieldSpec f : new FieldSpec[] {id, user, session, decision, loop, item}) if (f != null) out.add(f);
        for (EmitRule r : emit) out.add(r.type());
        return out;
    }
}
