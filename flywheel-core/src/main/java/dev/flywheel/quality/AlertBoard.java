package dev.flywheel.quality;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * Every alert the monitors raised, in order. Alerts are derived from the log like the features: a
 * start's replay raises them again, so the board is rebuilt, or restored from a checkpoint with the
 * rest of the stream's state. Subscribers (webhooks, actions that reach outside the stream) hear
 * only alerts raised after {@link #live()}, so a replay does not deliver twice what was delivered
 * before the restart. Written by the log runner, read by any thread.
 */
public final class AlertBoard implements dev.flywheel.state.OperatorState {
    private final List<Alert> alerts = new CopyOnWriteArrayList<>();
    private final List<Consumer<Alert>> subscribers = new CopyOnWriteArrayList<>();
    private volatile boolean live;

    /** Records an alert and returns it numbered. */
    public Alert raise(Alert alert) {
        Alert a;
        synchronized (this) {
            a = alert.numbered(alerts.size() + 1);
            alerts.add(a);
        }
        if (live) for (Consumer<Alert> s : subscribers) s.accept(a);
        return a;
    }

    /**
     * Records an alert raised elsewhere as it was numbered there (a server of the distributed shape
     * reads the job's alerts back); ids must rise, so a reader's {@code after} keeps its meaning.
     */
    public void record(Alert alert) {
        synchronized (this) {
            long last = lastId();
            if (alert.id() <= last) throw new IllegalArgumentException("alert id " + alert.id() + " is not above the last recorded, " + last);
            alerts.add(alert);
        }
        if (live) for (Consumer<Alert> s : subscribers) s.accept(alert);
    }

    /** The id of the newest alert, 0 when none. */
    public synchronized long lastId() {
        return alerts.isEmpty() ? 0 : alerts.get(alerts.size() - 1).id();
    }

    @Override
    public String stateName() {
        return "alerts";
    }

    @Override
    public synchronized void writeState(dev.flywheel.state.StateWriter out) {
        out.putInt(1).putInt(alerts.size());
        alerts.forEach(a -> MonitorStateCodec.writeAlert(a, out));
    }

    /** The alerts raised before the checkpoint, kept as they were: subscribers hear none of them. */
    @Override
    public synchronized void readState(dev.flywheel.state.StateReader in) {
        in.expectVersion(stateName(), 1);
        if (!alerts.isEmpty()) throw new IllegalStateException("an alert board is restored only when empty");
        List<Alert> restored = new ArrayList<>();
        for (int i = in.count(); i > 0; i--) restored.add(MonitorStateCodec.readAlert(in));
        alerts.addAll(restored);
    }

    /** From now on subscribers hear every new alert (call once the start's replay is done). */
    public void live() {
        live = true;
    }

    public void subscribe(Consumer<Alert> subscriber) {
        subscribers.add(subscriber);
    }

    /**
     * The alerts of {@code loop} (every loop when null) whose window ended after {@code since} (all
     * when null) and whose id is above {@code afterId}, oldest first.
     */
    public List<Alert> list(String loop, Instant since, long afterId) {
        List<Alert> out = new ArrayList<>();
        for (Alert a : alerts) {
            if (a.id() <= afterId) continue;
            if (loop != null && !loop.equals(a.loop())) continue;
            if (since != null && !a.windowEnd().isAfter(since)) continue;
            out.add(a);
        }
        return out;
    }

    /** How many alerts each (loop, monitor) raised, for the gauges. */
    public Map<String, Map<String, Long>> counts() {
        Map<String, Map<String, Long>> out = new TreeMap<>();
        for (Alert a : alerts) out.computeIfAbsent(a.loop(), k -> new TreeMap<>()).merge(a.monitor(), 1L, Long::sum);
        return out;
    }

    public int size() {
        return alerts.size();
    }
}
