package dev.flywheel.cli.engine;

import dev.flywheel.outcome.OutcomeSink;
import dev.flywheel.state.Checkpoint;
import dev.flywheel.state.CheckpointStore;
import dev.flywheel.topology.Topology;
import java.util.Optional;

/**
 * Where the embedded stream starts: after the latest checkpoint that fits the topology, restored into
 * it, or at the log's beginning. A checkpoint that does not fit (another configuration, state written
 * by other code) leaves the topology dirty, so the caller builds a new one and replays the whole log.
 *
 * @param after  the last log entry the restored state reflects, -1 for a replay from the beginning
 * @param reason why no checkpoint was used, null when one was
 */
public record StreamStart(long after, String reason) {
    /** Restores the latest checkpoint into {@code topology}; throws {@link IllegalStateException} when it does not fit. */
    static StreamStart restore(CheckpointStore checkpoints, Topology topology) {
        Optional<Checkpoint> latest = checkpoints.latest();
        if (latest.isEmpty()) return fresh(topology, checkpoints.seqs().isEmpty() ? "no checkpoint yet" : "no intact checkpoint");
        Checkpoint c = latest.get();
        if (Checkpoint.names(topology.stateHolders()) == null) return fresh(topology, "an operator cannot be checkpointed");
        c.restoreInto(topology.stateHolders());
        return new StreamStart(c.seq(), null);
    }

    /** A replay from the start of the log: derived tables are refilled from nothing. */
    static StreamStart fresh(Topology topology, String reason) {
        sink(topology).startFresh();
        return new StreamStart(-1, reason);
    }

    private static OutcomeSink sink(Topology topology) {
        for (Object op : topology.operators()) if (op instanceof OutcomeSink s) return s;
        throw new IllegalStateException("the engine's topology has no outcome sink");
    }
}
