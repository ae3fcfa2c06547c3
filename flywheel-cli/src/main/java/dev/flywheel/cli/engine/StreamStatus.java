package dev.flywheel.cli.engine;

import dev.flywheel.outcome.UnjoinedStore;
import dev.flywheel.server.FlywheelServer;
import dev.flywheel.stream.EmbeddedRunner;
import dev.flywheel.topology.Topology;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** The stream side of the embedded engine as the server shows it: progress, unjoined feedback, unknown loops. */
final class StreamStatus implements FlywheelServer.StreamView {
    private final EmbeddedRunner runner;
    private final Topology topology;
    private final UnjoinedStore unjoined;
    private final StreamStart start;

    StreamStatus(EmbeddedRunner runner, Topology topology, UnjoinedStore unjoined, StreamStart start) {
        this.start = start;
        this.runner = runner;
        this.topology = topology;
        this.unjoined = unjoined;
    }

    @Override
    public boolean awaitCurrent(long timeoutMillis) {
        return runner.awaitCurrent(timeoutMillis);
    }

    @Override
    public boolean awaitSeq(long seq, long timeoutMillis) {
        return runner.awaitSeq(seq, timeoutMillis);
    }

    @Override
    public long appliedSeq() {
        return runner.progress();
    }

    @Override
    public long openWindows() {
        return topology.joinCounters().openDecisions();
    }

    @Override
    public Map<String, Long> unknownLoops() {
        return topology.unknownLoops();
    }

    @Override
    public java.util.List<dev.flywheel.topology.LoopStatus> loops() {
        return topology.status();
    }

    @Override
    public dev.flywheel.quality.AlertBoard alerts() {
        return topology.alerts();
    }

    @Override
    public Map<String, dev.flywheel.quality.Exclusions> exclusions() {
        Map<String, dev.flywheel.quality.Exclusions> out = new LinkedHashMap<>();
        topology.loops().forEach((name, loop) -> out.put(name, loop.excluded()));
        return out;
    }

    @Override
    public Map<String, Object> checkpoints() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("started_after", start.after());
        if (start.reason() != null) out.put("replay_reason", start.reason());
        out.put("checkpointed_seq", runner.checkpointedSeq());
        RuntimeException failure = runner.checkpointFailure();
        if (failure != null) out.put("failure", String.valueOf(failure.getMessage()));
        return out;
    }

    @Override
    public Map<String, Long> unjoined() {
        Map<String, Long> out = new LinkedHashMap<>();
        unjoined.counts().forEach((reason, n) -> out.put(reason.name().toLowerCase(Locale.ROOT), n));
        return out;
    }
}
