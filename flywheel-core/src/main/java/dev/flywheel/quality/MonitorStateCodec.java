package dev.flywheel.quality;

import dev.flywheel.state.StateReader;
import dev.flywheel.state.StateWriter;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The loop monitors' parts in a checkpoint: window counts (folded sums, and per decision while the
 * window is open) and alerts (the contamination monitor's signs are {@link SignsTable}'s).
 * Maps are written in key order, so equal states write equal bytes.
 */
final class MonitorStateCodec {
    private MonitorStateCodec() { }

    static void writeWindow(LoopMonitors.WindowCounts w, StateWriter out) {
        out.putLong(w.impressions).putDouble(w.impressionsSquared).putLong(w.decisions);
        for (int t = 0; t < w.types.size(); t++) {
            out.putLong(w.hits[t]).putDouble(w.hitsSquared[t]).putDouble(w.impressionsTimesHits[t]);
        }
        Map<String, int[]> byDecision = new TreeMap<>(w.byDecision());
        out.putBoolean(w.folded()).putInt(byDecision.size());
        byDecision.forEach((d, c) -> {
            out.putString(d);
            for (int v : c) out.putInt(v);
        });
    }

    static LoopMonitors.WindowCounts readWindow(StateReader in, List<String> types) {
        LoopMonitors.WindowCounts w = new LoopMonitors.WindowCounts(types);
        w.impressions = in.getLong();
        w.impressionsSquared = in.getDouble();
        w.decisions = in.getLong();
        for (int t = 0; t < types.size(); t++) {
            w.hits[t] = in.getLong();
            w.hitsSquared[t] = in.getDouble();
            w.impressionsTimesHits[t] = in.getDouble();
        }
        if (in.getBoolean()) w.fold(); // folded before the checkpoint (its sums are read above): stays folded
        int n = in.count();
        for (int i = 0; i < n; i++) {
            String d = in.getString();
            int[] c = new int[1 + types.size()];
            for (int k = 0; k < c.length; k++) c[k] = in.getInt();
            w.byDecision().put(d, c);
        }
        return w;
    }

    static void writeWindows(Collection<LoopMonitors.WindowCounts> windows, StateWriter out) {
        out.putInt(windows.size());
        windows.forEach(w -> writeWindow(w, out));
    }

    static void writeAlert(Alert a, StateWriter out) {
        out.putLong(a.id()).putString(a.loop()).putString(a.monitor()).putInstant(a.windowStart()).putInstant(a.windowEnd())
                .putString(a.statistic()).putDouble(a.value()).putDouble(a.threshold()).putString(a.detail())
                .putStrings(a.users()).putStrings(a.items()).putLong(a.seq());
    }

    static Alert readAlert(StateReader in) {
        return new Alert(in.getLong(), in.getString(), in.getString(), in.getInstant(), in.getInstant(), in.getString(),
                in.getDouble(), in.getDouble(), in.getString(), in.getStrings(), in.getStrings(), in.getLong());
    }
}
