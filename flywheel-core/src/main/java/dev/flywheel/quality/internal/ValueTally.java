package dev.flywheel.quality.internal;

import dev.flywheel.state.StateReader;
import dev.flywheel.state.StateWriter;
import java.util.ArrayList;
import java.util.List;

/** A value rule's counts: each value is judged on its own as it arrives; the first unexpected ones are kept. */
final class ValueTally implements MapTally {
    private final ValueRule rule;
    private final int sample;
    private final List<Object> partial = new ArrayList<>();
    private final List<Integer> positions = new ArrayList<>();
    private long rows;
    private long missing;
    private long counted;
    private long unexpected;

    ValueTally(ValueRule rule, int sample) {
        this.rule = rule;
        this.sample = sample;
    }

    @Override
    public void add(Object value) {
        long row = rows++;
        boolean isMissing = Values.missing(value);
        if (isMissing) missing++;
        if (isMissing && !rule.testsMissing()) return;
        counted++;
        Object v = isMissing ? null : value;
        if (rule.passes(v)) return;
        unexpected++;
        if (partial.size() < sample && MapTally.listable(row)) {
            partial.add(v);
            positions.add((int) row);
        }
    }

    @Override public long rows() { return rows; }
    @Override public long missing() { return missing; }
    @Override public long counted() { return counted; }
    @Override public long unexpected() { return unexpected; }
    @Override public List<Object> partialUnexpected() { return partial; }
    @Override public List<Integer> unexpectedRows() { return positions; }

    @Override
    public void writeState(StateWriter out) {
        out.putLong(rows).putLong(missing).putLong(counted).putLong(unexpected);
        StateValues.writeList(partial, out);
        for (int p : positions) out.putInt(p);
    }

    @Override
    public void readState(StateReader in) {
        rows = in.getLong();
        missing = in.getLong();
        counted = in.getLong();
        unexpected = in.getLong();
        partial.addAll(StateValues.readList(in));
        // one position per listed value: the two lists are kept in step
        for (int i = 0; i < partial.size(); i++) positions.add(in.getInt());
    }
}
