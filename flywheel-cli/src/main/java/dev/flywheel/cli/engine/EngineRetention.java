package dev.flywheel.cli.engine;

import dev.flywheel.config.FlywheelConfig;
import dev.flywheel.state.CheckpointStore;
import dev.flywheel.store.duckdb.LogRetention;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The engine's log retention ({@code log.retention}): archives on its own thread what the store holds
 * and the newest checkpoint reflects, once old enough; off, it keeps every segment.
 */
final class EngineRetention implements AutoCloseable {
    private final FlywheelConfig.LogSettings settings;
    private final LogRetention retention;

    EngineRetention(FlywheelConfig.LogSettings settings, EngineStorage storage, CheckpointStore checkpoints, Clock clock) {
        this.settings = settings;
        this.retention = settings.retention() == null ? null
                : new LogRetention(storage.log(), storage.store(), () -> newest(checkpoints), settings.retention(), clock);
    }

    private static long newest(CheckpointStore checkpoints) {
        List<Long> seqs = checkpoints.seqs();
        return seqs.isEmpty() ? -1 : seqs.get(seqs.size() - 1);
    }

    void start() {
        if (retention != null) retention.start(settings.retentionCheck());
    }

    /** Null when retention is off. */
    LogRetention retention() {
        return retention;
    }

    /** What {@code /v1/status} shows under {@code log.archive}. */
    Map<String, Object> status() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("retention_seconds", settings.retention() == null ? null : settings.retention().toSeconds());
        if (retention == null) return out;
        out.putAll(retention.stats().asMap());
        RuntimeException failure = retention.failure();
        if (failure != null) out.put("failure", String.valueOf(failure.getMessage()));
        return out;
    }

    @Override
    public void close() {
        if (retention != null) retention.close();
    }
}
