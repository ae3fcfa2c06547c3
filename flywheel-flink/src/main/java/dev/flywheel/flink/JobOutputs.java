package dev.flywheel.flink;

import dev.flywheel.feature.ServedFeatures;
import dev.flywheel.flink.internal.RowKind;
import dev.flywheel.flink.internal.UpsertSink;
import dev.flywheel.outcome.Outcome;
import dev.flywheel.outcome.Unjoined;
import dev.flywheel.quality.Alert;
import dev.flywheel.state.Checkpoint;
import org.apache.flink.streaming.api.datastream.DataStream;

/**
 * What the job's topology emits, as streams for sinks: every row as it is written (a row emitted in
 * an epoch that failed comes again in the replay), and for a bounded input the final state.
 *
 * @param finalState one checkpoint when a bounded input ends, in the engine's format: the state
 *                   an embedded engine could start from
 */
public record JobOutputs(DataStream<Outcome> outcomes, DataStream<Unjoined> unjoined, DataStream<ServedFeatures> servedFeatures,
                         DataStream<Alert> alerts, DataStream<Checkpoint> finalState) {

    /** Commits every kind of row to its table once the checkpoint after it is complete. */
    public void commitTo(Tables tables) {
        commitTo("tables", tables);
    }

    /** The same, for one of several sets of tables: {@code name} keeps the sinks' uids apart. */
    public void commitTo(String name, Tables tables) {
        String uid = "flywheel-" + name + "-";
        outcomes.sinkTo(new UpsertSink<>(RowKind.OUTCOME, tables::outcomes)).name(name + "-outcomes").uid(uid + "outcomes")
                .setParallelism(1);
        unjoined.sinkTo(new UpsertSink<>(RowKind.UNJOINED, tables::unjoined)).name(name + "-unjoined").uid(uid + "unjoined")
                .setParallelism(1);
        servedFeatures.sinkTo(new UpsertSink<>(RowKind.SERVED_FEATURES, tables::servedFeatures)).name(name + "-served-features")
                .uid(uid + "served-features").setParallelism(1);
        alerts.sinkTo(new UpsertSink<>(RowKind.ALERT, tables::alerts)).name(name + "-alerts").uid(uid + "alerts").setParallelism(1);
    }
}
