package dev.flywheel.flink;

import java.util.List;

/**
 * A table the job commits one kind of row to, keyed by the row's identity ({@link RowIdentity}).
 * {@link #upsert} is called with the rows of a completed checkpoint, in the order the topology
 * emitted them, and may be called again with the same rows after a failure (it is not known whether
 * the first call ran): a row whose identity is already kept replaces it, so a table holds one row
 * per identity, the latest written. Called on one thread per table instance.
 */
public interface Upserts<T> extends AutoCloseable {
    void upsert(List<T> rows);

    @Override
    default void close() { }
}
