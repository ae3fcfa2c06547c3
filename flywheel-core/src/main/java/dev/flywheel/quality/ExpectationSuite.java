package dev.flywheel.quality;

import dev.flywheel.quality.internal.Values;
import dev.flywheel.quality.internal.ValueRule;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A named list of expectations, as a GX suite file or a Flywheel YAML suite gives it (see
 * {@link SuiteReader}). Immutable. Besides batch validation ({@link SuiteValidator}), it judges a single
 * row against its row-level expectations ({@link #rowViolations}), which is what the ingest path needs to
 * quarantine one event naming the expectation it broke.
 */
public record ExpectationSuite(String name, List<Expectation> expectations, Map<String, Object> meta) {
    public ExpectationSuite {
        expectations = List.copyOf(expectations);
        meta = meta == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(meta));
    }

    /**
     * The row-level expectations {@code row} breaks, in suite order: a missing value breaks only
     * {@code expect_column_values_to_not_be_null}, a present one only the value tests it fails. The
     * verdict is per row: {@code mostly} is a tolerance over a batch or window, so whether a broken row is
     * quarantined or merely counted is the caller's policy.
     */
    public List<RowViolation> rowViolations(Map<String, ?> row) {
        List<RowViolation> out = new ArrayList<>();
        for (Expectation e : expectations) {
            if (!e.rowLevel()) continue;
            ValueRule rule = (ValueRule) e.rule();
            Object value = row.get(rule.column());
            boolean missing = Values.missing(value);
            if ((missing && !rule.testsMissing())) continue;
            if (!rule.passes(value)) out.add(new RowViolation(e, rule.column(), missing ? null : value));
        }
        return out;
    }

    /** Whether some expectation judges each row on its own (and {@link #rowViolations} can say anything). */
    public boolean hasRowLevel() {
        return expectations.stream().anyMatch(Expectation::rowLevel);
    }

}
