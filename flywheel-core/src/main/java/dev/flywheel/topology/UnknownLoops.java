package dev.flywheel.topology;

import dev.flywheel.log.LogConsumer;
import dev.flywheel.log.LogEntry;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counts events and decisions that name a loop the configuration does not declare, per name: an
 * import that maps a column to the wrong loop, or a product that renamed a loop, shows up here
 * instead of silently training nothing.
 */
public final class UnknownLoops implements LogConsumer, dev.flywheel.state.OperatorState {
    private final Set<String> known;
    private final Map<String, LongAdder> counts = new ConcurrentHashMap<>();

    public UnknownLoops(Set<String> known) {
        this.known = Set.copyOf(known);
    }

    @Override
    public void accept(LogEntry entry) {
        String loop = entry instanceof LogEntry.EventEntry e ? e.event().loop()
                : entry instanceof LogEntry.DecisionEntry d ? d.decision().loop() : null;
        if (loop != null && !known.contains(loop)) counts.computeIfAbsent(loop, k -> new LongAdder()).increment();
    }

    @Override
    public String stateName() {
        return "unknown-loops";
    }

    @Override
    public void writeState(dev.flywheel.state.StateWriter out) {
        Map<String, Long> c = counts();
        out.putInt(1).putInt(c.size());
        c.forEach((loop, n) -> out.putString(loop).putLong(n));
    }

    @Override
    public void readState(dev.flywheel.state.StateReader in) {
        in.expectVersion(stateName(), 1);
        for (int i = in.count(); i > 0; i--) counts.computeIfAbsent(in.getString(), k -> new LongAdder()).add(in.getLong());
    }

    /** Records per unknown loop name, sorted by name. */
    public Map<String, Long> counts() {
        Map<String, Long> out = new TreeMap<>();
        counts.forEach((k, v) -> out.put(k, v.sum()));
        return out;
    }
}
