package dev.flywheel.quality.internal;

import java.util.List;
import java.util.function.Predicate;

/** A map rule that judges each value on its own, so a single event can be checked as it arrives. */
public abstract class ValueRule implements MapRule {
    private final String column;

    protected ValueRule(String column) {
        this.column = column;
    }

    @Override
    public final String column() {
        return column;
    }

    /** Whether {@code value} is expected; it is never missing unless {@link #testsMissing()}. */
    public abstract boolean passes(Object value);

    @Override
    public final Predicate<Object> test(List<Object> counted) {
        return this::passes;
    }

    /** No distinct values are kept: each value decides alone. */
    @Override
    public final MapTally tally(int sample, int bound) {
        return new ValueTally(this, sample);
    }
}
