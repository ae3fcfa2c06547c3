package dev.flywheel.stream;

import dev.flywheel.state.CheckpointStore;
import java.time.Clock;
import java.time.Duration;

/**
 * When the embedded runner checkpoints its operators: after a chunk, once at least {@code entries}
 * entries were applied since the last checkpoint and at least {@code interval} has passed, so a busy
 * stream is not paused too often and a quiet one writes nothing new.
 */
public record Checkpointing(CheckpointStore store, long entries, Duration interval, Clock clock) {
    public Checkpointing {
        if (store == null || clock == null) throw new IllegalArgumentException("store and clock are required");
        if (entries < 1) throw new IllegalArgumentException("entries must be at least 1");
        if (interval == null || interval.isNegative()) throw new IllegalArgumentException("interval must not be negative");
    }
}
