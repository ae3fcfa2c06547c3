package dev.flywheel.flink.internal;

import dev.flywheel.flink.SourcedEntry;
import dev.flywheel.log.LogEntry;
import java.time.Duration;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.java.functions.KeySelector;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Drops an event or decision whose id came before, keyed by user: several servers, and products
 * producing to Kafka directly, can deliver an entry twice, and the embedded log stores an id once.
 * Events and decisions are facts (ids per kind, as the ingest pipeline keeps them); items are state,
 * so a repeated item id is a new version and passes, as do quarantined records.
 *
 * <p>An id is remembered for {@code horizon} after it was first seen (processing time), and at most a
 * 64th of the horizon longer: one timer per user (while it has ids) prunes the user's ids when the
 * oldest has expired, then waits until the oldest left has been expired for that 64th, so that a busy
 * user's ids are forgotten in batches, not one whole pass over them per id. Flink's
 * state time-to-live would do the same at several times the cost per entry (its incremental clean-up
 * walks whole per-user maps). A user's ids are one value ({@link SeenIds}), not a map state: a map
 * state held four objects per id for the whole horizon (docs/performance.md).
 */
public final class Dedupe extends KeyedProcessFunction<String, SourcedEntry, SourcedEntry> {
    private static final long serialVersionUID = 1L;
    /** The share of the horizon an id may be remembered beyond it, so that pruning forgets in batches. */
    private static final long BATCH = 64;
    private final long horizonMillis;
    private transient ValueState<SeenIds> seen;
    private transient Counter duplicates;

    public Dedupe(Duration horizon) {
        this.horizonMillis = horizon.toMillis();
    }

    /** The key an entry is deduplicated under: its user; items by id, quarantined records together. */
    public static final class Key implements KeySelector<SourcedEntry, String> {
        private static final long serialVersionUID = 1L;

        @Override
        public String getKey(SourcedEntry s) {
            LogEntry e = s.entry();
            if (e instanceof LogEntry.EventEntry x) return x.event().user();
            if (e instanceof LogEntry.DecisionEntry x) return x.decision().user();
            if (e instanceof LogEntry.ItemEntry x) return "\u0000item:" + x.item().id();
            return "\u0000quarantine";
        }
    }

    @Override
    public void open(OpenContext context) {
        seen = getRuntimeContext().getState(new ValueStateDescriptor<>("seen-ids", SeenIdsSerializer.INSTANCE));
        duplicates = getRuntimeContext().getMetricGroup().counter("flywheel_duplicates");
    }

    @Override
    public void processElement(SourcedEntry s, Context ctx, Collector<SourcedEntry> out) throws Exception {
        String id = id(s.entry());
        if (id != null) {
            SeenIds ids = seen.value();
            if (ids == null) ids = new SeenIds();
            long now = ctx.timerService().currentProcessingTime();
            if (!ids.add(id, now)) {
                duplicates.inc();
                // its place goes on: the offset is applied (nothing more to apply there)
                if (s.placed()) out.collect(s.placeOnly());
                return;
            }
            seen.update(ids);
            if (ids.size() == 1) ctx.timerService().registerProcessingTimeTimer(now + horizonMillis);
        }
        out.collect(s);
    }

    /** Forgets the user's ids first seen a horizon ago or more; waits for the oldest left. */
    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<SourcedEntry> out) throws Exception {
        SeenIds ids = seen.value();
        if (ids == null) return;
        ids.forgetUpTo(timestamp - horizonMillis);
        if (ids.size() == 0) {
            seen.clear();
            return;
        }
        seen.update(ids);
        ctx.timerService().registerProcessingTimeTimer(ids.oldest() + horizonMillis + horizonMillis / BATCH);
    }

    /** The id a repeat is recognised by, per kind; null for what is never a duplicate. */
    static String id(LogEntry e) {
        if (e instanceof LogEntry.EventEntry x) return "e" + x.event().id();
        if (e instanceof LogEntry.DecisionEntry x) return "d" + x.decision().id();
        return null;
    }
}
