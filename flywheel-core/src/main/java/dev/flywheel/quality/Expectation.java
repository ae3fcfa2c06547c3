package dev.flywheel.quality;

import dev.flywheel.config.ConfigException;
import dev.flywheel.quality.internal.Kwargs;
import dev.flywheel.quality.internal.MapRule;
import dev.flywheel.quality.internal.Rule;
import dev.flywheel.quality.internal.Rules;
import dev.flywheel.quality.internal.TableRule;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One expectation of a suite: its GX type name, its kwargs as written, and for column map
 * expectations the {@code mostly} tolerance (default 1). Constructing one checks it: an unsupported
 * type or a kwarg that does not fit is refused with a {@link ConfigException} whose key is
 * {@code expectations[index]} (plus the kwarg), so a suite is usable once loaded.
 */
public final class Expectation {
    private final int index;
    private final String type;
    private final Map<String, Object> kwargs;
    private final double mostly;
    private final Rule rule;

    public Expectation(int index, String type, Map<String, ?> kwargs) {
        this.index = index;
        this.type = Objects.requireNonNull(type, "type");
        String prefix = "expectations[" + index + "]";
        Kwargs kw = new Kwargs(prefix + ".kwargs", kwargs);
        this.kwargs = kw.asMap();
        this.rule = Rules.of(type, kw, prefix + " (" + type + ")");
        this.mostly = mostly(kw);
    }

    /** The GX expectation types this engine runs. */
    public static List<String> supportedTypes() {
        return Rules.SUPPORTED;
    }

    private static double mostly(Kwargs kw) {
        Object m = kw.raw("mostly");
        if (m == null) return 1.0;
        if (!(m instanceof Number n) || !(n.doubleValue() >= 0 && n.doubleValue() <= 1)) {
            throw new ConfigException(kw.keyOf("mostly"), "must be a number from 0 to 1, got " + m);
        }
        return n.doubleValue();
    }

    /** Position in the suite (0-based), as errors and results name it. */
    public int index() {
        return index;
    }

    public String type() {
        return type;
    }

    /** The kwargs as written in the suite (unmodifiable), {@code mostly} included when given. */
    public Map<String, Object> kwargs() {
        return kwargs;
    }

    public double mostly() {
        return mostly;
    }

    /** The column it reads, or null for table-wide expectations (row count). */
    public String column() {
        return rule instanceof MapRule m ? m.column() : ((TableRule) rule).column();
    }

    /** Whether each value is judged (and {@code mostly} applies), as opposed to one statistic of the batch. */
    public boolean columnMap() {
        return rule instanceof MapRule;
    }

    /** Whether a single row can fail it: a value test, not uniqueness nor a statistic. */
    public boolean rowLevel() {
        return rule instanceof MapRule m && m.rowLevel();
    }

    Rule rule() {
        return rule;
    }

    /** How results and messages name it: {@code expectations[3] expect_column_values_to_be_between(spend)}. */
    @Override
    public String toString() {
        String column = column();
        return "expectations[" + index + "] " + type + (column == null ? "" : "(" + column + ")");
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Expectation e && e.index == index && e.type.equals(type) && e.kwargs.equals(kwargs);
    }

    @Override
    public int hashCode() {
        return Objects.hash(index, type, kwargs);
    }
}
