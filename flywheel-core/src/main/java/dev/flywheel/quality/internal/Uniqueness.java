package dev.flywheel.quality.internal;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * {@code expect_column_values_to_be_unique}: as pandas {@code duplicated(keep=False)}, every occurrence of
 * a repeated value is unexpected, the first one too; nulls are not counted. It needs the whole batch (a
 * window on the stream), so no single row can be judged by it.
 */
final class Uniqueness implements MapRule {
    private final String column;

    Uniqueness(Kwargs kw) {
        kw.only(Set.of("column", "mostly"));
        this.column = kw.column();
    }

    @Override
    public String column() {
        return column;
    }

    @Override
    public boolean rowLevel() {
        return false;
    }

    @Override
    public Predicate<Object> test(List<Object> counted) {
        Map<Object, Integer> seen = new HashMap<>();
        for (Object v : counted) {
            seen.merge(Values.distinctKey(v), 1, Integer::sum);
        }
        return v -> seen.getOrDefault(Values.distinctKey(v), 0) == 1;
    }

    @Override
    public MapTally tally(int sample, int bound) {
        return new DuplicateTally(sample, bound);
    }
}
