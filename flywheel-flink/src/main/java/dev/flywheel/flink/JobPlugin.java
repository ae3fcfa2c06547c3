package dev.flywheel.flink;

import dev.flywheel.log.LogEntry;
import java.util.Map;
import org.apache.flink.api.connector.source.Source;

/**
 * What another module adds to the job jar, found with {@link java.util.ServiceLoader} (a line in
 * {@code META-INF/services/dev.flywheel.flink.JobPlugin}): a source of the log's entries (Kafka), or
 * tables for the job's rows (PostgreSQL upserts, Parquet history), chosen on the job's command
 * line by {@link #name} and given that plug-in's options ({@code --set name.key=value}).
 */
public interface JobPlugin {
    String name();

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
