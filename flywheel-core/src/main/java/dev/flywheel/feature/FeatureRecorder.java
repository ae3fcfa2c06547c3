package dev.flywheel.feature;

import dev.flywheel.log.LogConsumer;
import dev.flywheel.log.LogEntry;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Buffers the served features that learners compute for decisions and writes them to the
 * {@link FeatureLog} once per chunk. Decisions the log already had when the engine started are
 * skipped: their features were kept the first time (so a checkpoint need not keep anything: a replay
 * after it skips what was kept after it).
 */
public final class FeatureRecorder implements Consumer<ServedFeatures>, LogConsumer, dev.flywheel.state.Stateless {
    private final FeatureLog log;
    private final long keptThrough;
    private final List<ServedFeatures> buffer = new ArrayList<>();

    public FeatureRecorder(FeatureLog log) {
        this.log = log;
        this.keptThrough = log.lastSeq();
    }

    @Override
    public void accept(ServedFeatures f) {
        if (f.seq() > keptThrough) buffer.add(f);
    }

    @Override
    public void accept(LogEntry entry) {
        // rows come from the learners, not from the log directly
    }

    @Override
    public void flush() {
        if (buffer.isEmpty()) return;
        log.append(List.copyOf(buffer));
        buffer.clear();
    }
}
