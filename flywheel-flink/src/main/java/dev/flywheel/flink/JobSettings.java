package dev.flywheel.flink;

import dev.flywheel.config.ConfigException;
import dev.flywheel.config.ConfigTree;
import dev.flywheel.config.FlywheelConfig;
import dev.flywheel.flink.internal.ConfigText;
import java.time.Duration;
import java.util.Map;
import java.util.Set;

/**
 * What the job runs and how: the engine's configuration as text (its loops and expectation suites
 * make the topology, validated here so a bad one stops the submission with the key named), and the
 * job's own settings, validated the same way under the prefix {@code flink}.
 *
 * @param config             the text of {@code flywheel.yaml}, suites inline
 * @param checkpointInterval how often Flink checkpoints (exactly once); rows reach the tables when
 *                           the checkpoint after them completes, so this is also their latency
 * @param quiet              how long no entry may come before the operators are told the input is
 *                           idle and the open windows close (the embedded engine's 10 s)
 * @param flushInterval      how long entries may wait for the operators to write what they buffer
 * @param chunk              the most entries between two flushes (the embedded runner's chunk)
 * @param dedupeHorizon      how long an event or decision id is remembered to drop a repeat of it
 * @param featureFlush       how often the features' changed keys are handed to the feature state
 *                           sink (and before every checkpoint): part of how stale a server's read is
 * @param checkpointRebase   the features and the reward join checkpoint what changed since the last
 *                           checkpoint, after a base of their whole state; once the change sets add up to
 *                           this multiple of the base (2), the next checkpoint writes a new base (0: every
 *                           checkpoint writes whole states). Higher: cheaper checkpoints, longer restores
 *                           and more bytes kept per checkpoint
 */
public record JobSettings(String config, Duration checkpointInterval, Duration quiet, Duration flushInterval, int chunk,
                          Duration dedupeHorizon, Duration featureFlush, double checkpointRebase) implements java.io.Serializable {
    private static final Set<String> KEYS = Set.of("checkpoint_interval", "quiet", "flush_interval", "chunk", "dedupe_horizon",
            "feature_flush", "checkpoint_rebase");

    public JobSettings {
        if (config == null) throw new ConfigException("--config", "is required");
        ConfigText.parse(config);
        positive("flink.checkpoint_interval", checkpointInterval);
        positive("flink.quiet", quiet);
        positive("flink.flush_interval", flushInterval);
        positive("flink.dedupe_horizon", dedupeHorizon);
        positive("flink.feature_flush", featureFlush);
        if (chunk < 1) throw new ConfigException("flink.chunk", "must be at least 1, got " + chunk);
        if (!(checkpointRebase >= 0 && checkpointRebase <= 100)) {
            throw new ConfigException("flink.checkpoint_rebase", "must be between 0 and 100, got " + checkpointRebase);
        }
    }

    /** The engine's configuration with the job's defaults. */
    public static JobSettings of(String config) {
        return from(config, Map.of());
    }

    /** The engine's configuration with the job's settings given as a config section ({@code checkpoint_interval: 10s}, …). */
    public static JobSettings from(String config, Map<String, ?> flink) {
        ConfigTree t = new ConfigTree("flink", flink);
        t.only(KEYS);
        return new JobSettings(config, t.duration("checkpoint_interval", Duration.ofSeconds(10)),
                t.duration("quiet", Duration.ofSeconds(10)), t.duration("flush_interval", Duration.ofMillis(200)),
                t.integer("chunk", 10_000, 1, 10_000_000), t.duration("dedupe_horizon", Duration.ofDays(7)),
                t.duration("feature_flush", Duration.ofMillis(500)), t.number("checkpoint_rebase", 2, 0, 100));
    }

    /** The configuration, parsed. */
    public FlywheelConfig flywheel() {
        return ConfigText.parse(config);
    }

    public JobSettings withCheckpointInterval(Duration d) {
        return new JobSettings(config, d, quiet, flushInterval, chunk, dedupeHorizon, featureFlush, checkpointRebase);
    }

    public JobSettings withQuiet(Duration d) {
        return new JobSettings(config, checkpointInterval, d, flushInterval, chunk, dedupeHorizon, featureFlush, checkpointRebase);
    }

    public JobSettings withCheckpointRebase(double share) {
        return new JobSettings(config, checkpointInterval, quiet, flushInterval, chunk, dedupeHorizon, featureFlush, share);
    }

    private static void positive(String key, Duration d) {
        if (d == null || d.isZero() || d.isNegative()) throw new ConfigException(key, "must be positive, got " + d);
    }
}
