package dev.flywheel.config;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A parsed YAML/JSON configuration section with typed getters that name the full key in every error,
 * and a check that no unknown key slipped in (a typo in a config file should stop the start, not be
 * silently ignored).
 */
public final class ConfigTree {
    private static final Pattern SHORT_DURATION = Pattern.compile("(\\d+)(ms|s|m|h|d)");
    private final String prefix;
    private final Map<String, Object> values;

    public ConfigTree(String prefix, Map<String, ?> values) {
        this.prefix = prefix;
        this.values = values == null ? Map.of() : new LinkedHashMap<>(values);
    }

    public ConfigTree section(String name) {
        Object v = values.get(name);
        if (v == null) return new ConfigTree(key(name), Map.of());
        if (!(v instanceof Map<?, ?> m)) throw new ConfigException(key(name), "must be a mapping");
        Map<String, Object> copy = new LinkedHashMap<>();
        m.forEach((k, val) -> copy.put(String.valueOf(k), val));
        return new ConfigTree(key(name), copy);
    }

    public int integer(String name, int dflt, int min, int max) {
        return (int) longValue(name, dflt, min, max);
    }

    public long longValue(String name, long dflt, long min, long max) {
        Object v = values.get(name);
        if (v == null) return dflt;
        if (!(v instanceof Number n) || n.doubleValue() != Math.rint(n.doubleValue())) {
            throw new ConfigException(key(name), "must be a whole number, got '" + v + "'");
        }
        long l = n.longValue();
        if (l < min || l > max) throw new ConfigException(key(name), "must be between " + min + " and " + max + ", got " + l);
        return l;
    }

    public boolean bool(String name, boolean dflt) {
        Object v = values.get(name);
        if (v == null) return dflt;
        if (!(v instanceof Boolean b)) throw new ConfigException(key(name), "must be true or false, got '" + v + "'");
        return b;
    }

    public String string(String name, String dflt) {
        Object v = values.get(name);
        if (v == null) return dflt;
        if (!(v instanceof String s) || s.isBlank()) throw new ConfigException(key(name), "must be a non-empty string");
        return s;
    }

    /** Accepts {@code 500ms}, {@code 30s}, {@code 15m}, {@code 2h}, {@code 7d} or ISO-8601 ({@code PT1H}). */
    public Duration duration(String name, Duration dflt) {
        Object v = values.get(name);
        if (v == null) return dflt;
        String s = String.valueOf(v).trim();
        Matcher m = SHORT_DURATION.matcher(s);
        if (m.matches()) {
            long n = Long.parseLong(m.group(1));
            return switch (m.group(2)) {
                case "ms" -> Duration.ofMillis(n);
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                default -> Duration.ofDays(n);
            };
        }
        try {
            return Duration.parse(s);
        } catch (DateTimeParseException e) {
            throw new ConfigException(key(name), "must be a duration such as 30s, 15m, 2h, 7d or PT1H, got '" + s + "'");
        }
    }

    public List<String> strings(String name) {
        Object v = values.get(name);
        if (v == null) return List.of();
        if (!(v instanceof List<?> l)) throw new ConfigException(key(name), "must be a list");
        List<String> out = new ArrayList<>();
        for (int i = 0; i < l.size(); i++) {
            if (!(l.get(i) instanceof String s) || s.isBlank()) {
                throw new ConfigException(key(name) + "[" + i + "]", "must be a non-empty string");
            }
            out.add(s);
        }
        return out;
    }

    /** A finite number in [min, max]; integers in the YAML are accepted as numbers. */
    public double number(String name, double dflt, double min, double max) {
        Object v = values.get(name);
        if (v == null) return dflt;
        if (!(v instanceof Number n) || !Double.isFinite(n.doubleValue())) {
            throw new ConfigException(key(name), "must be a number, got '" + v + "'");
        }
        double d = n.doubleValue();
        if (d < min || d > max) throw new ConfigException(key(name), "must be between " + min + " and " + max + ", got " + d);
        return d;
    }

    /** The value under {@code name} as parsed (maps, lists, strings, numbers), for parts read by their own reader. */
    public Object raw(String name) {
        return values.get(name);
    }

    /** The keys of this section in file order, for sections whose keys are data (e.g. per event type weights). */
    public List<String> keys() {
        return List.copyOf(values.keySet());
    }

    /** The full dotted key of {@code name} in this section, for errors raised by callers. */
    public String keyOf(String name) {
        return prefix.isEmpty() ? name : prefix + "." + name;
    }

    /** Refuses keys other than {@code allowed}. */
    public void only(Set<String> allowed) {
        for (String k : values.keySet()) {
            if (!allowed.contains(k)) {
                throw new ConfigException(key(k), "unknown key; expected one of " + new java.util.TreeSet<>(allowed));
            }
        }
    }

    /** The list of mappings under {@code name}, each as a tree named {@code name[i]}. */
    public java.util.List<ConfigTree> sections(String name) {
        Object v = values.get(name);
        if (v == null) return List.of();
        if (!(v instanceof List<?> l)) throw new ConfigException(key(name), "must be a list");
        List<ConfigTree> out = new ArrayList<>();
        for (int i = 0; i < l.size(); i++) {
            if (!(l.get(i) instanceof Map<?, ?> m)) throw new ConfigException(key(name) + "[" + i + "]", "must be a mapping");
            Map<String, Object> copy = new LinkedHashMap<>();
            m.forEach((k, val) -> copy.put(String.valueOf(k), val));
            out.add(new ConfigTree(key(name) + "[" + i + "]", copy));
        }
        return out;
    }

    private String key(String name) {
        return keyOf(name);
    }
}
