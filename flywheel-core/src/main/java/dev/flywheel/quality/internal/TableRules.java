package dev.flywheel.quality.internal;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The aggregate expectations: one statistic of the batch (for the stream, of a window) against bounds.
 * Column statistics are over the non-missing values, as in GX.
 */
final class TableRules {
    private TableRules() {
    }

    /** GX's {@code column_index} (the column's position) is not supported: rows here are maps without order. */
    static TableRule columnExists(Kwargs kw) {
        kw.only(Set.of("column"));
        String column = kw.column();
        return new Statistic(column, (cols, rows) -> exists(cols, column),
                (cols, bound) -> RunningStatistics.constant(exists(cols, column)), false);
    }

    static TableRule rowCount(Kwargs kw, String prefix) {
        kw.only(Interval.KEYS);
        Interval bounds = Interval.read(kw, prefix);
        return new Statistic(null, (cols, rows) -> judged((long) rows.size(), bounds),
                (cols, bound) -> RunningStatistics.rowCount(bounds), false);
    }

    /** Distinct non-missing values over non-missing values; 0 for a column with none, as GX's metric. */
    static TableRule uniqueProportion(Kwargs kw, String prefix) {
        kw.only(ValueRules.with(Interval.KEYS, "column"));
        String column = kw.column();
        Interval bounds = Interval.read(kw, prefix);
        return new Statistic(column, (cols, rows) -> {
            List<Object> values = nonMissing(column, rows);
            return judged(proportion(distinct(values), values.size()), bounds);
        }, (cols, bound) -> RunningStatistics.distinct(bound, (distinct, values) -> judged(proportion(distinct, values), bounds)), true);
    }

    static TableRule uniqueValueCount(Kwargs kw, String prefix) {
        kw.only(ValueRules.with(Interval.KEYS, "column"));
        String column = kw.column();
        Interval bounds = Interval.read(kw, prefix);
        return new Statistic(column, (cols, rows) -> judged((long) distinct(nonMissing(column, rows)), bounds),
                (cols, bound) -> RunningStatistics.distinct(bound, (distinct, values) -> judged(distinct, bounds)), true);
    }

    /** A text value makes the mean undefined: GX raises, here the expectation fails naming the value. */
    static TableRule mean(Kwargs kw, String prefix) {
        kw.only(ValueRules.with(Interval.KEYS, "column"));
        String column = kw.column();
        Interval bounds = Interval.read(kw, prefix);
        return new Statistic(column, (cols, rows) -> {
            double sum = 0;
            List<Object> values = nonMissing(column, rows);
            for (Object v : values) {
                if (!Values.isNumber(v)) return nonNumeric(column, v);
                sum += Values.toDouble(v);
            }
            if (values.isEmpty()) return TableRule.Observation.failed("column '" + column + "' has no values");
            return judged(sum / values.size(), bounds);
        }, (cols, bound) -> RunningStatistics.mean(column, mean -> judged(mean, bounds)), true);
    }

    static TableRule.Observation judged(Object observed, Interval bounds) {
        return new TableRule.Observation(observed, bounds.contains(observed), null);
    }

    static TableRule.Observation nonNumeric(String column, Object value) {
        return TableRule.Observation.failed("column '" + column + "' has the non-numeric value '" + value + "'");
    }

    private static TableRule.Observation exists(List<String> columns, String column) {
        return new TableRule.Observation(null, columns.contains(column), null);
    }

    /** 0 for a column without values, as GX's metric. */
    private static double proportion(long distinct, long values) {
        return values == 0 ? 0.0 : (double) distinct / values;
    }

    private static List<Object> nonMissing(String column, List<? extends Map<String, ?>> rows) {
        List<Object> out = new ArrayList<>(rows.size());
        for (Map<String, ?> row : rows) {
            Object v = row.get(column);
            if (!Values.missing(v)) out.add(v);
        }
        return out;
    }

    private static int distinct(List<Object> values) {
        Set<Object> keys = new HashSet<>();
        for (Object v : values) keys.add(Values.distinctKey(v));
        return keys.size();
    }

    /**
     * A statistic over a batch ({@code observer}) and over a stream ({@code running}); {@code needsColumn}:
     * a batch without the column fails naming it, as GX's missing-column error.
     */
    private record Statistic(String column, Observer observer, Running running, boolean needsColumn) implements TableRule {
        @Override
        public Observation observe(List<String> columns, List<? extends Map<String, ?>> rows) {
            return needsColumn && !columns.contains(column) ? noColumn(columns) : observer.observe(columns, rows);
        }

        @Override
        public Accumulator accumulator(List<String> columns, int bound) {
            return needsColumn && !columns.contains(column)
                    ? RunningStatistics.constant(noColumn(columns)) : running.start(List.copyOf(columns), bound);
        }

        private Observation noColumn(List<String> columns) {
            return Observation.failed("column '" + column + "' not found; columns are " + columns);
        }
    }

    @FunctionalInterface
    private interface Observer {
        TableRule.Observation observe(List<String> columns, List<? extends Map<String, ?>> rows);
    }

    @FunctionalInterface
    private interface Running {
        TableRule.Accumulator start(List<String> columns, int bound);
    }
}
