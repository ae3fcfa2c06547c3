package dev.flywheel.log;

import java.util.function.Consumer;

/** Follows the log from a position; sees only entries that were durably appended. */
public interface LogReader extends AutoCloseable {

    /**
     * Hands up to {@code max} entries past the current position to {@code sink}, in seq order.
     *
     * @return how many entries were read; 0 when the reader is at the end of the log
     */
    int poll(int max, Consumer<LogEntry> sink);

    @Override
    void close();
}
