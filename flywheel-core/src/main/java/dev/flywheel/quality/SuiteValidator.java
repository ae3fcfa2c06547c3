package dev.flywheel.quality;

import dev.flywheel.quality.internal.MapRule;
import dev.flywheel.quality.internal.TableRule;
import dev.flywheel.quality.internal.Values;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/** Runs a suite over a batch of rows with GX's semantics; a pure function of the two. */
public final class SuiteValidator {
    private SuiteValidator() {
    }

    public static SuiteResult validate(ExpectationSuite suite, RowBatch batch) {
        List<ExpectationResult> results = new ArrayList<>();
        for (Expectation e : suite.expectations()) {
            results.add(e.rule() instanceof MapRule m ? columnMap(e, m, batch) : aggregate(e, (TableRule) e.rule(), batch));
        }
        return new SuiteResult(suite.name(), results.stream().allMatch(ExpectationResult::success), results);
    }

    /**
     * GX's column map result: values are counted unless missing (the null expectations count every
     * row), and the expectation succeeds when (counted − unexpected) / counted ≥ mostly, or when
     * nothing was counted (vacuously, as GX).
     */
    static ExpectationResult columnMap(Expectation e, MapRule rule, RowBatch batch) {
        List<? extends Map<String, ?>> rows = batch.rows();
        if (!batch.columns().contains(rule.column())) {
            return ExpectationResult.failed(e, rows.size(), "column '" + rule.column() + "' not found; columns are " + batch.columns());
        }
        List<Object> counted = new ArrayList<>(rows.size());
        long missing = 0;
        for (Map<String, ?> row : rows) {
            Object v = row.get(rule.column());
            boolean isMissing = Values.missing(v);
            if (isMissing) missing++;
            if (!isMissing || rule.testsMissing()) counted.add(isMissing ? null : v);
        }
        Predicate<Object> test = rule.test(counted);
        List<Object> partial = new ArrayList<>();
        List<Integer> unexpectedRows = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            Object v = rows.get(i).get(rule.column());
            boolean isMissing = Values.missing(v);
            if (isMissing && !rule.testsMissing()) continue;
            if (!test.test(isMissing ? null : v)) {
                unexpectedRows.add(i);
                if (partial.size() < ExpectationResult.PARTIAL_LIST_SIZE) partial.add(isMissing ? null : v);
            }
        }
        return mapResult(e, rows.size(), missing, counted.size(), unexpectedRows.size(), partial, unexpectedRows);
    }

    /** GX's percent and {@code mostly} verdict from a column map expectation's counts. */
    static ExpectationResult mapResult(Expectation e, long rows, long missing, long considered, long unexpected,
                                       List<Object> partial, List<Integer> unexpectedRows) {
        Double percent = considered == 0 ? null : 100.0 * unexpected / considered;
        boolean success = considered == 0 || (double) (considered - unexpected) / considered >= e.mostly();
        return new ExpectationResult(e, success, rows, missing, unexpected, percent, partial, unexpectedRows, null, null);
    }

    static ExpectationResult aggregate(Expectation e, TableRule rule, RowBatch batch) {
        TableRule.Observation o = rule.observe(batch.columns(), batch.rows());
        return new ExpectationResult(e, o.success(), batch.rows().size(), 0, 0, null, List.of(), List.of(),
                o.observedValue(), o.problem());
    }
}
