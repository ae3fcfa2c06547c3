package dev.flywheel.flink;

import dev.flywheel.feature.ServedFeatures;
import dev.flywheel.log.LogEntry;
import java.util.List;

/**
 * Where the entries the job applied are kept as history (Parquet, read with DuckDB like the embedded
 * engine's archive). {@link #write} is called once per completed checkpoint with the entries the
 * topology applied in that checkpoint's epoch, numbered with dense seqs in the order applied, and
 * the features served with their decisions; it may be called again with the same rows after a
 * failure (it is not known whether the first call ran), which must add nothing.
 */
public interface History extends AutoCloseable {
    void write(List<LogEntry> entries, List<ServedFeatures> served);

    @Override
    default void close() { }
}
