package dev.flywheel.flink;

import dev.flywheel.log.LogEntry;
import java.util.Map;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * What another module adds to the job jar, found with {@link java.util.ServiceLoader} (a line in
 * {@code META-INF/services/dev.flywheel.flink.JobPlugin}): a source of the log's entries (Kafka), or
 * tables for the job's rows (PostgreSQL upserts, Parquet history), chosen on the job's command
 * line by {@link #name} and given that plug-in's options ({@code --set name.key=value}).
 */
public interface JobPlugin {
    /** The uid of the operator that reads the log: a savepoint finds the source's offsets under it. */
    String SOURCE_UID = "flywheel-source";

    String name();

    /**
     * The log entries the job applies, before the dedupe: by default {@link #source}'s, read as the
     * operator {@link #SOURCE_UID}; null when this plug-in has no source. A plug-in that reads more
     * than one input or writes outputs of its own (Kafka: {@code <p>.ingest} in, {@code <p>.quarantine}
     * out) builds them here, in the job's environment.
     */
    default DataStream<LogEntry> entries(StreamExecutionEnvironment env, Map<String, String> options, JobSettings settings) {
        Source<LogEntry, ?, ?> source = source(options);
        if (source == null) return null;
        return env.fromSource(source, WatermarkStrategy.noWatermarks(), "log-entries", FlywheelTypes.LOG_ENTRY).uid(SOURCE_UID);
    }

    /**
     * The same entries, each with the place it was read at when it has one ({@link SourcedEntry}):
     * by default {@link #entries}', placeless. A plug-in that reads the log topic overrides this one.
     */
    default DataStream<SourcedEntry> sourcedEntries(StreamExecutionEnvironment env, Map<String, String> options, JobSettings settings) {
        DataStream<LogEntry> entries = entries(env, options, settings);
        return entries == null ? null : FlinkJob.unplaced(entries);
    }

    /**
     * A source of log entries producing {@link FlywheelTypes#LOG_ENTRY}, in the order the job must
     * apply them per partition; null when this plug-in has none.
     */
    default Source<LogEntry, ?, ?> source(Map<String, String> options) {
        return null;
    }

    /** Tables for the job's rows; null when this plug-in has none. */
    default Tables tables(Map<String, String> options) {
        return null;
    }
}
