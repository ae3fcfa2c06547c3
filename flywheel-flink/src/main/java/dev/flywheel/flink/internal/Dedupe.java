package dev.flywheel.flink.internal;

import dev.flywheel.log.LogEntry;
import java.time.Duration;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.StateTtlConfig;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.functions.KeySelector;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Drops an event or decision whose id came before, keyed by user: several servers, and products
 * producing to Kafka directly, can deliver an entry twice, and the embedded log stores an id once.
 * Events and decisions are facts (ids per kind, as the ingest pipeline keeps them); items are state,
 * so a repeated item id is a new version and passes, as do quarantined records. Ids are remembered
 * for {@code horizon} after they were first seen (state time-to-live), so the state stays bounded.
 */
public final class Dedupe extends KeyedProcessFunction<String, LogEntry, LogEntry> {
    private static final long serialVersionUID = 1L;
    private final Duration horizon;
    private transient MapState<String, Boolean> seen;
    private transient Counter duplicates;

    public Dedupe(Duration horizon) {
        this.horizon = horizon;
    }

    /** The key an entry is deduplicated under: its user; items by id, quarantined records together. */
    public static final class Key implements KeySelector<LogEntry, String> {
        private static final long serialVersionUID = 1L;

        @Override
        public String getKey(LogEntry e) {
            if (e instanceof LogEntry.EventEntry x) return x.event().user();
            if (e instanceof LogEntry.DecisionEntry x) return x.decision().user();
            if (e instanceof LogEntry.ItemEntry x) return "\u0000item:" + x.item().id();
            return "\u0000quarantine";
        }
    }

    @Override
    public void open(OpenContext context) {
        MapStateDescriptor<String, Boolean> d = new MapStateDescriptor<>("seen-ids", Types.STRING, Types.BOOLEAN);
        d.enableTimeToLive(StateTtlConfig.newBuilder(horizon)
                .setUpdateType(StateTtlConfig.UpdateType.OnCreateAndWrite)
                .setStateVisibility(StateTtlConfig.StateVisibility.NeverReturnExpired).build());
        seen = getRuntimeContext().getMapState(d);
        duplicates = getRuntimeContext().getMetricGroup().counter("flywheel_duplicates");
    }

    @Override
    public void processElement(LogEntry e, Context ctx, Collector<LogEntry> out) throws Exception {
        String id = id(e);
        if (id != null) {
            if (seen.contains(id)) {
                duplicates.inc();
                return;
            }
            seen.put(id, Boolean.TRUE);
        }
        out.collect(e);
    }

    /** The id a repeat is recognised by, per kind; null for what is never a duplicate. */
    static String id(LogEntry e) {
        if (e instanceof LogEntry.EventEntry x) return "e" + x.event().id();
        if (e instanceof LogEntry.DecisionEntry x) return "d" + x.decision().id();
        return null;
    }
}
