package dev.flywheel.cli.stack;

import dev.flywheel.config.ConfigException;
import java.time.Duration;

/**
 * How the stack runs its parts.
 *
 * @param partitions         partitions of each topic ({@code kafka.partitions}); with one, the job applies
 *                           the log in the order servers appended it, as the embedded engine does
 * @param checkpointInterval the job's {@code flink.checkpoint_interval}: rows reach PostgreSQL and the
 *                           history when the checkpoint after them completes
 * @param flushInterval      the job's {@code flink.flush_interval}: how long applied entries may wait for
 *                           the operators to write what they buffer
 * @param featureFlush       the job's {@code flink.feature_flush}: how often it publishes the serving state
 * @param quiet              the job's {@code flink.quiet}: how long no entry comes before the input counts as idle
 */
public record StackOptions(int partitions, Duration checkpointInterval, Duration flushInterval, Duration featureFlush,
                           Duration quiet) {
    public StackOptions {
        if (partitions < 1) throw new ConfigException("kafka.partitions", "must be at least 1, got " + partitions);
        positive("flink.checkpoint_interval", checkpointInterval);
        positive("flink.flush_interval", flushInterval);
        positive("flink.feature_flush", featureFlush);
        positive("flink.quiet", quiet);
    }

    /**
     * One partition, a checkpoint every 2 s, and the job's defaults otherwise: flushes every 200 ms,
     * publication every 500 ms, idle after 10 s quiet (the embedded engine's).
     */
    public static StackOptions defaults() {
        return new StackOptions(1, Duration.ofSeconds(2), Duration.ofMillis(200), Duration.ofMillis(500), Duration.ofSeconds(10));
    }

    public StackOptions withPartitions(int n) {
        return new StackOptions(n, checkpointInterval, flushInterval, featureFlush, quiet);
    }

    public StackOptions withCheckpointInterval(Duration d) {
        return new StackOptions(partitions, d, flushInterval, featureFlush, quiet);
    }

    public StackOptions withFlushInterval(Duration d) {
        return new StackOptions(partitions, checkpointInterval, d, featureFlush, quiet);
    }

    public StackOptions withFeatureFlush(Duration d) {
        return new StackOptions(partitions, checkpointInterval, flushInterval, d, quiet);
    }

    public StackOptions withQuiet(Duration d) {
        return new StackOptions(partitions, checkpointInterval, flushInterval, featureFlush, d);
    }

    private static void positive(String key, Duration d) {
        if (d == null || d.isZero() || d.isNegative()) throw new ConfigException(key, "must be positive, got " + d);
    }
}
