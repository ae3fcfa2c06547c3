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
 * @param featureFlush       the job's {@code flink.feature_flush}: how often it publishes the serving state
 * @param quiet              the job's {@code flink.quiet}: how long no entry comes before the input counts as idle
 */
public record StackOptions(int partitions, Duration checkpointInterval, Duration featureFlush, Duration quiet) {
    public StackOptions {
        if (partitions < 1) throw new ConfigException("kafka.partitions", "must be at least 1, got " + partitions);
        positive("flink.checkpoint_interval", checkpointInterval);
        positive("flink.feature_flush", featureFlush);
        positive("flink.quiet", quiet);
    }

    /** One partition, a checkpoint every 2 s, the job's default flush (500 ms) and quiet (10 s, the embedded engine's). */
    public static StackOptions defaults() {
        return new StackOptions(1, Duration.ofSeconds(2), Duration.ofMillis(500), Duration.ofSeconds(10));
    }

    public StackOptions withPartitions(int n) {
        return new StackOptions(n, checkpointInterval, featureFlush, quiet);
    }

    public StackOptions withCheckpointInterval(Duration d) {
        return new StackOptions(partitions, d, featureFlush, quiet);
    }

    public StackOptions withQuiet(Duration d) {
        return new StackOptions(partitions, checkpointInterval, featureFlush, d);
    }

    private static void positive(String key, Duration d) {
        if (d == null || d.isZero() || d.isNegative()) throw new ConfigException(key, "must be positive, got " + d);
    }
}
