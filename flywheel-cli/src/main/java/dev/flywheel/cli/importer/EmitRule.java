package dev.flywheel.cli.importer;

import dev.flywheel.config.ConfigException;
import java.util.Set;

/**
 * One event a row may give: its type (a constant, or a column for files that say it per row), the
 * condition under which the row gives it, and its value, both SQL over the row's columns. A row whose
 * condition is false or NULL gives no such event.
 *
 * @param key the mapping key, e.g. {@code events.emit[1]}
 */
record EmitRule(FieldSpec type, String when, FieldSpec value, String key) {
    static final Set<String> KEYS = Set.of("type", "when", "value");

    static EmitRule read(MappingNode n) {
        n.only(KEYS);
        FieldSpec type = FieldSpec.read(n, "type", FieldSpec.Kind.CONSTANT, Set.of());
        if (type == null) throw new ConfigException(n.keyOf("type"), "is required: the event type this rule emits");
        String when = n.has("when") ? n.text("when") : null;
        if (when != null && when.isBlank()) throw new ConfigException(n.keyOf("when"), "must not be blank");
        return new EmitRule(type, when, FieldSpec.read(n, "value", FieldSpec.Kind.SQL, Set.of()), n.prefix());
    }

    String whenKey() {
        return key + ".when";
    }
}
