package dev.flywheel.flink.internal;

import dev.flywheel.catalog.Catalog;
import dev.flywheel.config.FlywheelConfig;
import dev.flywheel.feature.ServedFeatures;
import dev.flywheel.log.LogConsumer;
import dev.flywheel.log.LogEntry;
import dev.flywheel.outcome.Outcome;
import dev.flywheel.outcome.OutcomeSink;
import dev.flywheel.outcome.Unjoined;
import dev.flywheel.quality.Alert;
import dev.flywheel.state.Checkpoint;
import dev.flywheel.topology.Topology;
import java.time.Instant;
import java.util.List;

/**
 * The topology of a configuration as the job runs it, without Flink: entries numbered with the job's
 * own dense seq (Kafka has no global one) pass through every operator in the topology's order, as
 * the embedded runner passes the log's; what the operators write comes out
 * through {@link Outputs}. Batch models train in line with the entries (a replay topology), so the
 * state after an entry depends on the entries alone and a restore from a checkpoint goes on exactly
 * as the run that wrote it.
 */
public final class TopologyRun implements AutoCloseable {
    /** Where the rows the operators write go; called on the thread that applies the entries. */
    public interface Outputs {
        void outcome(Outcome o);

        void unjoined(Unjoined u);

        void served(ServedFeatures f);

        void alert(Alert a);
    }

    private final Topology topology;
    private final List<LogConsumer> operators;
    /** The last entry applied, in the job's numbering; -1 before the first. */
    private long seq = -1;

    public TopologyRun(FlywheelConfig config, Outputs out) {
        OutcomeSink sink = new OutcomeSink(Forwarding.outcomes(out), Forwarding.unjoined(out));
        topology = Topology.build(config.loops(), new Catalog(), sink, true, Forwarding.features(out), config.expectations());
        operators = topology.operators();
        if (Checkpoint.names(topology.stateHolders()) == null) {
            throw new IllegalStateException("the topology has an operator that cannot be checkpointed");
        }
        topology.alerts().subscribe(out::alert);
    }

    /** Applies one entry, numbered as the next. */
    public void apply(LogEntry entry) {
        LogEntry e = renumbered(entry, ++seq);
        for (LogConsumer op : operators) op.accept(e);
    }

    /** The end of a chunk: operators that write in batches write (the sink hands its rows on). */
    public void flush() {
        operators.forEach(LogConsumer::flush);
    }

    /** The input paused: windows close and batch models train on what came, then a flush. */
    public void idle() {
        topology.idle();
    }

    /** The state after the last entry applied; call it after a {@link #flush}. */
    public Checkpoint checkpoint(Instant takenAt) {
        return Checkpoint.of(seq, takenAt, topology.stateHolders());
    }

    /**
     * Restores a checkpoint into this run, just built. Throws {@link IllegalStateException} when it
     * does not fit the configuration (other loops, another state version): a job cannot replay Kafka
     * from its start on its own, so it stops rather than go on from a state it cannot read.
     */
    public void restore(Checkpoint c) {
        c.restoreInto(topology.stateHolders());
        seq = c.seq();
    }

    /** From now on alerts raised reach {@link Outputs#alert}; those restored were emitted before. */
    public void live() {
        topology.alerts().live();
    }

    public long seq() {
        return seq;
    }

    public Topology topology() {
        return topology;
    }

    static LogEntry renumbered(LogEntry e, long seq) {
        if (e.seq() == seq) return e;
        if (e instanceof LogEntry.EventEntry x) return new LogEntry.EventEntry(seq, x.receivedMillis(), x.event());
        if (e instanceof LogEntry.DecisionEntry x) return new LogEntry.DecisionEntry(seq, x.receivedMillis(), x.decision());
        if (e instanceof LogEntry.ItemEntry x) return new LogEntry.ItemEntry(seq, x.receivedMillis(), x.item());
        LogEntry.QuarantineEntry q = (LogEntry.QuarantineEntry) e;
        return new LogEntry.QuarantineEntry(seq, q.receivedMillis(), q.rejected());
    }

    @Override
    public void close() {
        topology.close();
    }
}
