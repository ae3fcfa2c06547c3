package dev.flywheel.quality;

import dev.flywheel.config.ConfigException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads a suite from its parsed tree (maps, lists, strings, numbers, booleans, as a JSON or YAML parser
 * gives them; parsing files is the caller's job, so the core stays free of I/O). Three spellings load
 * to the same suite:
 * <ul>
 *   <li>GX 0.x: {@code expectation_suite_name}, and per expectation {@code expectation_type} + {@code kwargs};</li>
 *   <li>GX 1.x: {@code name}, and per expectation {@code type} + {@code kwargs};</li>
 *   <li>the flat form of GX 1.x's Python objects, also Flywheel's YAML form: {@code type} with the kwargs
 *       beside it ({@code - type: expect_column_values_to_not_be_null, column: user, mostly: 0.99}).</li>
 * </ul>
 * Bookkeeping keys (ids, meta, notes, rendered content) are kept out of the kwargs.
 */
public final class SuiteReader {
    /** Keys of an expectation that are about it rather than arguments of its check. */
    private static final Set<String> NOT_KWARGS = Set.of("type", "expectation_type", "kwargs", "meta", "id",
            "ge_cloud_id", "notes", "description", "rendered_content", "severity", "windows", "batch_id");

    private SuiteReader() {
    }

    @SuppressWarnings("unchecked")
    public static ExpectationSuite read(Object tree) {
        if (!(tree instanceof Map<?, ?> root)) {
            throw new ConfigException("(root)", "a suite must be a mapping with a name and expectations");
        }
        String name = either((Map<String, ?>) root, "expectation_suite_name", "name", "(root)");
        if (name == null || name.isBlank()) {
            throw new ConfigException("name", "a suite needs a name (expectation_suite_name in GX 0.x, name in 1.x)");
        }
        Object list = root.get("expectations");
        if (!(list instanceof List<?> items)) {
            throw new ConfigException("expectations", "must be a list of expectations");
        }
        List<Expectation> expectations = new java.util.ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            expectations.add(expectation(i, items.get(i)));
        }
        Object meta = root.get("meta");
        return new ExpectationSuite(name, expectations, meta instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of());
    }

    @SuppressWarnings("unchecked")
    private static Expectation expectation(int index, Object item) {
        String key = "expectations[" + index + "]";
        if (!(item instanceof Map<?, ?> raw)) throw new ConfigException(key, "must be a mapping");
        Map<String, ?> m = (Map<String, ?>) raw;
        String type = either(m, "expectation_type", "type", key);
        if (type == null) throw new ConfigException(key, "needs its type (expectation_type in GX 0.x, type in 1.x)");
        Map<String, Object> kwargs = new LinkedHashMap<>();
        Object nested = m.get("kwargs");
        if (nested != null && !(nested instanceof Map)) throw new ConfigException(key + ".kwargs", "must be a mapping");
        if (nested != null) ((Map<?, ?>) nested).forEach((k, v) -> kwargs.put(String.valueOf(k), v));
        for (Map.Entry<String, ?> e : m.entrySet()) {
            if (NOT_KWARGS.contains(e.getKey())) continue;
            if (kwargs.containsKey(e.getKey())) {
                throw new ConfigException(key + "." + e.getKey(), "is given both in kwargs and beside it");
            }
            kwargs.put(e.getKey(), e.getValue());
        }
        return new Expectation(index, type, kwargs);
    }

    /** The value under one of two spellings of the same key; both given and different is refused. */
    private static String either(Map<String, ?> m, String old, String current, String where) {
        Object a = m.get(old);
        Object b = m.get(current);
        if (a != null && b != null && !a.equals(b)) {
            throw new ConfigException(where, "gives both " + old + " '" + a + "' and " + current + " '" + b + "'");
        }
        Object v = a != null ? a : b;
        if (v != null && !(v instanceof String)) {
            throw new ConfigException(where + "." + (a != null ? old : current), "must be a string, got " + v);
        }
        return (String) v;
    }
}
