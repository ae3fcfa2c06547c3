package dev.flywheel.cli.importer;

import dev.flywheel.config.ConfigException;
import dev.flywheel.config.ConfigTree;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One mapping section: the typed, key-naming getters of {@link ConfigTree} plus the raw value, which
 * a field needs to tell a plain string from a mapping.
 */
final class MappingNode {
    private final String prefix;
    private final Map<String, Object> values;
    private final ConfigTree tree;

    MappingNode(String prefix, Map<String, ?> values) {
        this.prefix = prefix;
        this.values = values == null ? Map.of() : new LinkedHashMap<>(values);
        this.tree = new ConfigTree(prefix, this.values);
    }

    Object raw(String name) {
        return values.get(name);
    }

    boolean has(String name) {
        return values.containsKey(name);
    }

    String keyOf(String name) {
        return tree.keyOf(name);
    }

    MappingNode child(String name) {
        Object v = values.get(name);
        if (v != null && !(v instanceof Map)) throw new ConfigException(keyOf(name), "must be a mapping");
        Map<String, Object> copy = new LinkedHashMap<>();
        if (v != null) ((Map<?, ?>) v).forEach((k, x) -> copy.put(String.valueOf(k), x));
        return new MappingNode(keyOf(name), copy);
    }

    /** The list of mappings under {@code name}, each named {@code name[i]} in messages. */
    List<MappingNode> children(String name) {
        Object v = values.get(name);
        if (v == null) return List.of();
        if (!(v instanceof List<?> l)) throw new ConfigException(keyOf(name), "must be a list");
        List<MappingNode> out = new ArrayList<>();
        for (int i = 0; i < l.size(); i++) {
            String key = keyOf(name) + "[" + i + "]";
            if (!(l.get(i) instanceof Map<?, ?> m)) throw new ConfigException(key, "must be a mapping");
            Map<String, Object> copy = new LinkedHashMap<>();
            m.forEach((k, x) -> copy.put(String.valueOf(k), x));
            out.add(new MappingNode(key, copy));
        }
        return out;
    }

    void only(Set<String> allowed) {
        tree.only(allowed);
    }

    /** A non-empty string; numbers and booleans in the YAML are refused rather than guessed at. */
    String text(String name) {
        Object v = values.get(name);
        if (!(v instanceof String s)) throw new ConfigException(keyOf(name), "must be a string, got '" + v + "'");
        return s;
    }

    String string(String name, String dflt) {
        return tree.string(name, dflt);
    }

    boolean bool(String name, boolean dflt) {
        return tree.bool(name, dflt);
    }

    List<String> strings(String name) {
        return tree.strings(name);
    }

    String prefix() {
        return prefix;
    }
}
