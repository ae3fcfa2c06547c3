package dev.flywheel.cli.engine;

import dev.flywheel.outcome.OutcomeSink;
import dev.flywheel.state.Checkpoint;
import dev.flywheel.state.CheckpointStore;
import dev.flywheel.topology.Topology;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Where the embedded stream starts: after the latest checkpoint that fits the topology, restored into
 * it, or at the log's beginning. A checkpoint that does not fit (another configuration, state written
 * by other code) leaves the topology dirty, so the caller builds a new one and replays the whole log.
 *
 * @param after     the last log entry the restored state reflects, -1 for a replay from the beginning
 * @param afterIdle whether the restored state was taken after an idle at {@code after}
 * @param reason    why no checkpoint was used, null when one was
 * @param seconds   how long the restore took: waiting for the checkpoint's file to be read ({@code read}:
 *                  the read starts when the storage opens), then each operator by name
 */
public record StreamStart(long after, boolean afterIdle, String reason, Map<String, Double> seconds) {
    /**
     * Restores the latest checkpoint ({@code latest}, read from {@code checkpoints}) into
     * {@code topology}; throws {@link IllegalStateException} when it does not fit.
     */
    static StreamStart restore(CheckpointStore checkpoints, Supplier<Optional<Checkpoint>> latestOf, Topology topology) {
        // before using the file: a topology that cannot be checkpointed replays whatever it holds
        if (Checkpoint.names(topology.stateHolders()) == null) return fresh(topology, "an operator cannot be checkpointed");
        long t = System.nanoTime();
        Optional<Checkpoint> latest = latestOf.get();
        if (latest.isEmpty()) return fresh(topology, checkpoints.seqs().isEmpty() ? "no checkpoint yet" : "no intact checkpoint");
        Map<String, Double> seconds = new LinkedHashMap<>();
        seconds.put("read", (System.nanoTime() - t) / 1e9);
        Checkpoint c = latest.get();
        seconds.putAll(c.restoreInto(topology.stateHolders()));
        return new StreamStart(c.seq(), c.afterIdle(), null, seconds);
    }

    /** A replay from the start of the log: derived tables are refilled from nothing. */
    static StreamStart fresh(Topology topology, String reason) {
        sink(topology).startFresh();
        return new StreamStart(-1, false, reason, Map.of());
    }

    private static OutcomeSink sink(Topology topology) {
        for (Object op : topology.operators()) if (op instanceof OutcomeSink s) return s;
        throw new IllegalStateException("the engine's topology has no outcome sink");
    }
}
