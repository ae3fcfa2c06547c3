package dev.flywheel.quality.internal;

import dev.flywheel.config.ConfigException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/** The row-level expectations: each reads its kwargs (refusing what it cannot use) and judges one value. */
final class ValueRules {
    private ValueRules() {
    }

    static ValueRule notNull(Kwargs kw) {
        kw.only(Set.of("column", "mostly"));
        return new ValueRule(kw.column()) {
            @Override public boolean testsMissing() { return true; }
            @Override public boolean passes(Object v) { return !Values.missing(v); }
        };
    }

    static ValueRule isNull(Kwargs kw) {
        kw.only(Set.of("column", "mostly"));
        return new ValueRule(kw.column()) {
            @Override public boolean testsMissing() { return true; }
            @Override public boolean passes(Object v) { return Values.missing(v); }
        };
    }

    static ValueRule between(Kwargs kw, String prefix) {
        kw.only(with(Interval.KEYS, "column", "mostly"));
        String column = kw.column();
        Interval interval = Interval.read(kw, prefix);
        return new ValueRule(column) {
            @Override public boolean passes(Object v) { return interval.contains(v); }
        };
    }

    /**
     * Text is only ever the same as equal text, so a text value is looked up in a hash set of the
     * set's texts: the ingest threads check every event's type this way.
     */
    static ValueRule inSet(Kwargs kw, boolean expectedIn) {
        kw.only(Set.of("column", "value_set", "mostly"));
        String column = kw.column();
        List<Object> set = kw.list("value_set");
        Set<Object> texts = new HashSet<>();
        for (Object s : set) if (s instanceof String) texts.add(s);
        return new ValueRule(column) {
            @Override public boolean passes(Object v) {
                return in(v) == expectedIn;
            }

            private boolean in(Object v) {
                if (v instanceof String) return texts.contains(v);
                for (Object s : set) if (Values.same(v, s)) return true;
                return false;
            }
        };
    }

    /** GX searches (pandas {@code str.contains}): the pattern may match anywhere unless anchored. */
    static ValueRule matchRegex(Kwargs kw) {
        kw.only(Set.of("column", "regex", "mostly"));
        String column = kw.column();
        Pattern p = pattern(kw.string("regex"), kw.keyOf("regex"));
        return new ValueRule(column) {
            @Override public boolean passes(Object v) { return p.matcher(Values.text(v)).find(); }
        };
    }

    static ValueRule ofType(Kwargs kw) {
        kw.only(Set.of("column", "type_", "mostly"));
        String column = kw.column();
        GxType t = GxType.parse(kw.string("type_"), kw.keyOf("type_"));
        return new ValueRule(column) {
            @Override public boolean passes(Object v) { return t.matches(v); }
        };
    }

    static ValueRule inTypeList(Kwargs kw) {
        kw.only(Set.of("column", "type_list", "mostly"));
        String column = kw.column();
        EnumSet<GxType> types = EnumSet.noneOf(GxType.class);
        List<Object> names = kw.list("type_list");
        for (int i = 0; i < names.size(); i++) {
            String key = kw.keyOf("type_list") + "[" + i + "]";
            if (!(names.get(i) instanceof String s)) throw new ConfigException(key, "must be a type name");
            types.add(GxType.parse(s, key));
        }
        if (types.isEmpty()) throw new ConfigException(kw.keyOf("type_list"), "must name at least one type");
        return new ValueRule(column) {
            @Override public boolean passes(Object v) {
                for (GxType t : types) if (t.matches(v)) return true;
                return false;
            }
        };
    }

    /** Python's named groups {@code (?P<name>...)} and back-references {@code (?P=name)} in Java's syntax. */
    static Pattern pattern(String regex, String key) {
        String java = regex.replace("(?P<", "(?<").replaceAll("\\(\\?P=(\\w+)\\)", "\\\\k<$1>");
        try {
            return Pattern.compile(java);
        } catch (PatternSyntaxException e) {
            throw new ConfigException(key, "is not a valid regular expression: " + e.getDescription());
        }
    }

    static Set<String> with(Set<String> base, String... more) {
        List<String> all = new ArrayList<>(base);
        all.addAll(List.of(more));
        return Set.copyOf(all);
    }
}
