package dev.flywheel.quality.internal;

import dev.flywheel.state.StateReader;
import dev.flywheel.state.StateWriter;
import java.util.function.Function;

/**
 * The aggregate expectations' statistics kept as running aggregates, each equal to what
 * {@link TableRules} computes over the rows: a count, a sum, a distinct count. Column statistics are
 * over the non-missing values, as in GX.
 */
final class RunningStatistics {
    private RunningStatistics() {
    }

    /** A statistic that needs nothing of the rows (a column's existence is known from the columns). */
    static TableRule.Accumulator constant(TableRule.Observation o) {
        return new TableRule.Accumulator() {
            @Override public void add(Object value) { }
            @Override public TableRule.Observation observe() { return o; }
            @Override public void writeState(StateWriter out) { }
            @Override public void readState(StateReader in) { }
        };
    }

    static TableRule.Accumulator rowCount(Interval bounds) {
        return new TableRule.Accumulator() {
            private long rows;

            @Override public void add(Object value) { rows++; }
            @Override public TableRule.Observation observe() { return TableRules.judged(rows, bounds); }
            @Override public void writeState(StateWriter out) { out.putLong(rows); }
            @Override public void readState(StateReader in) { rows = in.getLong(); }
        };
    }

    /** {@code judge} gets the distinct count and the non-missing count. */
    static TableRule.Accumulator distinct(int bound, DistinctJudge judge) {
        DistinctCount distinct = new DistinctCount(bound);
        return new TableRule.Accumulator() {
            private long values;

            @Override
            public void add(Object value) {
                if (Values.missing(value)) return;
                values++;
                distinct.add(value);
            }

            @Override public TableRule.Observation observe() { return judge.judge(distinct.count(), values); }
            @Override public String caveat() { return distinct.caveat(); }

            @Override
            public void writeState(StateWriter out) {
                distinct.writeState(out.putLong(values));
            }

            @Override
            public void readState(StateReader in) {
                values = in.getLong();
                distinct.readState(in);
            }
        };
    }

    @FunctionalInterface
    interface DistinctJudge {
        TableRule.Observation judge(long distinct, long values);
    }

    /** The sum runs in row order, as the batch's, so the two means are the same double. */
    static TableRule.Accumulator mean(String column, Function<Double, TableRule.Observation> judge) {
        return new TableRule.Accumulator() {
            private long values;
            private double sum;
            private Object nonNumeric;

            @Override
            public void add(Object value) {
                if (Values.missing(value) || nonNumeric != null) return;
                if (!Values.isNumber(value)) {
                    nonNumeric = value;
                    return;
                }
                values++;
                sum += Values.toDouble(value);
            }

            @Override
            public TableRule.Observation observe() {
                if (nonNumeric != null) return TableRules.nonNumeric(column, nonNumeric);
                if (values == 0) return TableRule.Observation.failed("column '" + column + "' has no values");
                return judge.apply(sum / values);
            }

            /** The sum as its bits: the resumed mean is the same double. */
            @Override
            public void writeState(StateWriter out) {
                out.putLong(values).putDouble(sum);
                StateValues.write(nonNumeric, out);
            }

            @Override
            public void readState(StateReader in) {
                values = in.getLong();
                sum = in.getDouble();
                nonNumeric = StateValues.read(in);
            }
        };
    }
}
