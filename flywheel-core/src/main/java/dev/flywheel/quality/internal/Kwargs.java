package dev.flywheel.quality.internal;

import dev.flywheel.config.ConfigException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * An expectation's kwargs with getters that name the full key ({@code expectations[3].kwargs.min_value})
 * in every error, so a suite that cannot be used is refused at load with the place to fix.
 */
public final class Kwargs {
    /** Keys GX accepts on every expectation that do not change what is checked. */
    static final Set<String> PRESENTATION = Set.of("result_format", "include_config", "catch_exceptions", "meta");

    private final String prefix;
    private final Map<String, Object> values;

    public Kwargs(String prefix, Map<String, ?> values) {
        this.prefix = prefix;
        this.values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    public Map<String, Object> asMap() {
        return values;
    }

    public String keyOf(String name) {
        return prefix + "." + name;
    }

    public boolean has(String name) {
        return values.get(name) != null;
    }

    public Object raw(String name) {
        return values.get(name);
    }

    public String column() {
        Object v = values.get("column");
        if (!(v instanceof String s) || s.isEmpty()) {
            throw new ConfigException(keyOf("column"), "is required and must be a column name, got " + describe(v));
        }
        return s;
    }

    public String string(String name) {
        Object v = values.get(name);
        if (!(v instanceof String s) || s.isEmpty()) {
            throw new ConfigException(keyOf(name), "is required and must be a non-empty string, got " + describe(v));
        }
        return s;
    }

    public boolean bool(String name, boolean dflt) {
        Object v = values.get(name);
        if (v == null) return dflt;
        if (!(v instanceof Boolean b)) throw new ConfigException(keyOf(name), "must be true or false, got " + describe(v));
        return b;
    }

    /** A bound of a between: null when absent (no bound on that side); a number or a string (ISO dates compare as text). */
    public Object bound(String name) {
        Object v = values.get(name);
        if (v == null || v instanceof String) return v;
        if (v instanceof Number n && Double.isFinite(n.doubleValue())) return n;
        throw new ConfigException(keyOf(name), "must be a number or a string, got " + describe(v));
    }

    /** A bound that must be a number when present. */
    public Double numberBound(String name) {
        Object v = values.get(name);
        if (v == null) return null;
        if (v instanceof Number n && Double.isFinite(n.doubleValue())) return n.doubleValue();
        throw new ConfigException(keyOf(name), "must be a number, got " + describe(v));
    }

    public List<Object> list(String name) {
        Object v = values.get(name);
        if (!(v instanceof List<?> l)) throw new ConfigException(keyOf(name), "is required and must be a list, got " + describe(v));
        return Collections.unmodifiableList(new ArrayList<>(l));
    }

    /** Refuses keys the expectation does not take: a silently ignored row_condition would check other rows than meant. */
    public void only(Set<String> allowed) {
        for (String k : values.keySet()) {
            if (!allowed.contains(k) && !PRESENTATION.contains(k)) {
                TreeSet<String> expected = new TreeSet<>(allowed);
                throw new ConfigException(keyOf(k), "is not supported by this expectation; it takes " + expected);
            }
        }
    }

    static String describe(Object v) {
        if (v == null) return "nothing";
        return v instanceof String s ? "'" + s + "'" : v + " (" + v.getClass().getSimpleName() + ")";
    }
}
