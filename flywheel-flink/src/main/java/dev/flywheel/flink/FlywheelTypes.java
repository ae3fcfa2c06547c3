package dev.flywheel.flink;

import dev.flywheel.feature.ServedFeatures;
import dev.flywheel.flink.internal.CodecTypeInfo;
import dev.flywheel.flink.internal.RowKind;
import dev.flywheel.log.LogEntry;
import dev.flywheel.outcome.Outcome;
import dev.flywheel.outcome.Unjoined;
import dev.flywheel.quality.Alert;
import dev.flywheel.state.Checkpoint;
import org.apache.flink.api.common.typeinfo.TypeInformation;

/**
 * The Flink types of Flywheel's records, serialized in Flywheel's own binary forms (a log entry as
 * the log and Kafka keep it): a source of log entries declares {@link #LOG_ENTRY} as what it
 * produces. None of them falls back to Kryo.
 */
public final class FlywheelTypes {
    public static final TypeInformation<LogEntry> LOG_ENTRY = new CodecTypeInfo<>(RowKind.LOG_ENTRY);
    /** A log entry with the partition and offset it was read at ({@link SourcedEntry}). */
    public static final TypeInformation<SourcedEntry> SOURCED_ENTRY = new CodecTypeInfo<>(RowKind.SOURCED_ENTRY);
    public static final TypeInformation<Outcome> OUTCOME = new CodecTypeInfo<>(RowKind.OUTCOME);
    public static final TypeInformation<Unjoined> UNJOINED = new CodecTypeInfo<>(RowKind.UNJOINED);
    public static final TypeInformation<ServedFeatures> SERVED_FEATURES = new CodecTypeInfo<>(RowKind.SERVED_FEATURES);
    public static final TypeInformation<Alert> ALERT = new CodecTypeInfo<>(RowKind.ALERT);
    public static final TypeInformation<Checkpoint> CHECKPOINT = new CodecTypeInfo<>(RowKind.CHECKPOINT);

    private FlywheelTypes() { }
}
