package dev.flywheel.flink;

import dev.flywheel.feature.ServedFeatures;
import dev.flywheel.flink.internal.CodecTypeInfo;
import dev.flywheel.flink.internal.HistoryRow;
import dev.flywheel.flink.internal.HistoryUpserts;
import dev.flywheel.flink.internal.RowKind;
import dev.flywheel.flink.internal.UpsertSink;
import dev.flywheel.log.LogEntry;
import dev.flywheel.outcome.Outcome;
import dev.flywheel.outcome.Unjoined;
import dev.flywheel.quality.Alert;
import dev.flywheel.state.Checkpoint;
import java.util.Set;
import org.apache.flink.api.common.functions.MapFunction;
import org.apache.flink.streaming.api.datastream.DataStream;

/**
 * What the job's topology emits, as streams for sinks: every row as it is written (a row emitted in
 * an epoch that failed comes again in the replay), the entries it applied, and for a bounded input
 * the final state.
 *
 * @param applied    the entries in the order the topology applied them, numbered with its seqs
 * @param finalState one checkpoint when a bounded input ends, in the engine's format: the state
 *                   an embedded engine could start from
 */
public record JobOutputs(DataStream<Outcome> outcomes, DataStream<Unjoined> unjoined, DataStream<ServedFeatures> servedFeatures,
                         DataStream<Alert> alerts, DataStream<Checkpoint> finalState, DataStream<LogEntry> applied) {

    /** Commits every kind of row the tables keep once the checkpoint after it is complete. */
    public void commitTo(Tables tables) {
        commitTo("tables", tables);
    }

    /** The same, for one of several sets of tables: {@code name} keeps the sinks' uids apart. */
    public void commitTo(String name, Tables tables) {
        String uid = "flywheel-" + name + "-";
        Set<Tables.Kind> kept = tables.kept();
        if (kept.contains(Tables.Kind.OUTCOMES)) {
            outcomes.sinkTo(new UpsertSink<>(RowKind.OUTCOME, tables::outcomes)).name(name + "-outcomes").uid(uid + "outcomes")
                    .setParallelism(1);
        }
        if (kept.contains(Tables.Kind.UNJOINED)) {
            unjoined.sinkTo(new UpsertSink<>(RowKind.UNJOINED, tables::unjoined)).name(name + "-unjoined").uid(uid + "unjoined")
                    .setParallelism(1);
        }
        if (kept.contains(Tables.Kind.SERVED_FEATURES)) {
            servedFeatures.sinkTo(new UpsertSink<>(RowKind.SERVED_FEATURES, tables::servedFeatures)).name(name + "-served-features")
                    .uid(uid + "served-features").setParallelism(1);
        }
        if (kept.contains(Tables.Kind.ALERTS)) {
            alerts.sinkTo(new UpsertSink<>(RowKind.ALERT, tables::alerts)).name(name + "-alerts").uid(uid + "alerts").setParallelism(1);
        }
        if (kept.contains(Tables.Kind.HISTORY)) history(name, uid, tables);
    }

    /** The applied entries and the served features as one stream, so an epoch's committable holds both. */
    private void history(String name, String uid, Tables tables) {
        CodecTypeInfo<HistoryRow> type = new CodecTypeInfo<>(RowKind.HISTORY);
        DataStream<HistoryRow> entries = applied.map((MapFunction<LogEntry, HistoryRow>) HistoryRow::of).returns(type)
                .name(name + "-history-entries").uid(uid + "history-entries").setParallelism(1);
        DataStream<HistoryRow> served = servedFeatures.map((MapFunction<ServedFeatures, HistoryRow>) HistoryRow::of).returns(type)
                .name(name + "-history-features").uid(uid + "history-features").setParallelism(1);
        entries.union(served).sinkTo(new UpsertSink<>(RowKind.HISTORY, () -> new HistoryUpserts(tables.history())))
                .name(name + "-history").uid(uid + "history").setParallelism(1);
    }
}
