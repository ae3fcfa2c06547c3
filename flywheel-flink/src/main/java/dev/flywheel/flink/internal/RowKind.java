package dev.flywheel.flink.internal;

import dev.flywheel.feature.ServedFeatures;
import dev.flywheel.log.LogEntry;
import dev.flywheel.outcome.Outcome;
import dev.flywheel.outcome.Unjoined;
import dev.flywheel.quality.Alert;
import dev.flywheel.state.Checkpoint;
import java.util.List;

/**
 * Every kind of record the job hands between operators, keeps in state or commits, with its codec.
 * A serializer snapshot names the kind, so a savepoint restores the serializer by name.
 */
public enum RowKind {
    /** In the log's own binary form ({@link dev.flywheel.log.LogCodec}), as Kafka carries it. */
    LOG_ENTRY(LogEntry.class, null),
    /** Its partition and offset, then the entry in the log's binary form (none for a place alone). */
    SOURCED_ENTRY(dev.flywheel.flink.SourcedEntry.class, null),
    OUTCOME(Outcome.class, RowCodecs.OUTCOME),
    UNJOINED(Unjoined.class, RowCodecs.UNJOINED),
    SERVED_FEATURES(ServedFeatures.class, RowCodecs.SERVED_FEATURES),
    ALERT(Alert.class, RowCodecs.ALERT),
    CHECKPOINT(Checkpoint.class, RowCodecs.CHECKPOINT),
    HISTORY(HistoryRow.class, RowCodecs.HISTORY),
    OUTCOMES(List.class, RowCodecs.listOf(RowCodecs.OUTCOME)),
    UNJOINED_LIST(List.class, RowCodecs.listOf(RowCodecs.UNJOINED)),
    SERVED_FEATURES_LIST(List.class, RowCodecs.listOf(RowCodecs.SERVED_FEATURES)),
    ALERTS(List.class, RowCodecs.listOf(RowCodecs.ALERT)),
    HISTORY_LIST(List.class, RowCodecs.listOf(RowCodecs.HISTORY));

    final Class<?> type;
    final RowCodec<?> codec;

    RowKind(Class<?> type, RowCodec<?> codec) {
        this.type = type;
        this.codec = codec;
    }

    /** The kind of a batch of rows of this kind: what the sink's committables hold. */
    public RowKind list() {
        return switch (this) {
            case OUTCOME -> OUTCOMES;
            case UNJOINED -> UNJOINED_LIST;
            case SERVED_FEATURES -> SERVED_FEATURES_LIST;
            case ALERT -> ALERTS;
            case HISTORY -> HISTORY_LIST;
            default -> throw new IllegalArgumentException("no batch kind of " + this);
        };
    }
}
