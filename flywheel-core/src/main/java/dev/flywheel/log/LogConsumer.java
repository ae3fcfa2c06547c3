package dev.flywheel.log;

/**
 * A stream operator fed from the log in seq order by a runner (the embedded one, or a Flink job).
 * It holds its own state; the runner only guarantees order and that no entry is skipped.
 */
public interface LogConsumer {
    void accept(LogEntry entry);

    /** Called after each chunk of entries, for operators that write in batches. */
    default void flush() { }

    /**
     * Called when the log has been quiet for a while (no entry for some seconds), between entries:
     * for work that waits for the input to pause, like closing the last windows or training a model
     * on everything received. Runners flush after it.
     */
    default void idle() { }
}
