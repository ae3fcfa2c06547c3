package dev.flywheel.feature;

import dev.flywheel.event.Event;
import dev.flywheel.log.LogConsumer;
import dev.flywheel.log.LogEntry;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What each user has consumed in one loop (rated, purchased, disliked, …: the loop's consumption
 * event types), with the earliest time, so a decision does not offer it again. Fed from the log by
 * the runner; decisions read it concurrently.
 */
public final class ConsumedItems implements LogConsumer, dev.flywheel.state.OperatorState {
    private final String loop;
    private final Set<String> types;
    private final Map<String, Map<String, Instant>> byUser = new ConcurrentHashMap<>();

    public ConsumedItems(String loop, Set<String> types) {
        this.loop = loop;
        this.types = Set.copyOf(types);
    }

    @Override
    public void accept(LogEntry entry) {
        if (!(entry instanceof LogEntry.EventEntry e)) return;
        Event x = e.event();
        if (x.item() == null || !types.contains(x.type()) || (x.loop() != null && !x.loop().equals(loop))) return;
        byUser.computeIfAbsent(x.user(), u -> new ConcurrentHashMap<>(4)).merge(x.item(), x.timestamp(),
                (a, b) -> a.isBefore(b) ? a : b);
    }

    @Override
    public String stateName() {
        return "consumed:" + loop;
    }

    @Override
    public void writeState(dev.flywheel.state.StateWriter out) {
        out.putInt(1).putInt(byUser.size());
        new java.util.TreeMap<>(byUser).forEach((user, items) -> {
            out.putString(user).putInt(items.size());
            new java.util.TreeMap<>(items).forEach((item, when) -> out.putString(item).putInstant(when));
        });
    }

    @Override
    public void readState(dev.flywheel.state.StateReader in) {
        in.expectVersion(stateName(), 1);
        for (int u = in.count(); u > 0; u--) {
            String user = in.getString();
            int n = in.count();
            Map<String, Instant> items = new ConcurrentHashMap<>(Math.max(4, n * 2));
            for (int i = 0; i < n; i++) items.put(in.getString(), in.getInstant());
            byUser.put(user, items);
        }
    }

    /** Whether {@code user} had consumed {@code item} at or before {@code at}. */
    public boolean consumed(String user, String item, Instant at) {
        Map<String, Instant> mine = byUser.get(user);
        Instant when = mine == null ? null : mine.get(item);
        return when != null && !when.isAfter(at);
    }

    /** The items {@code user} had consumed at or before {@code at}. */
    public Set<String> consumedBy(String user, Instant at) {
        Map<String, Instant> mine = byUser.get(user);
        if (mine == null) return Set.of();
        Set<String> out = new java.util.HashSet<>();
        mine.forEach((item, when) -> {
            if (!when.isAfter(at)) out.add(item);
        });
        return out;
    }
}
