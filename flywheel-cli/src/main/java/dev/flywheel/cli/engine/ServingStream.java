package dev.flywheel.cli.engine;

import dev.flywheel.kafka.AcknowledgedOffsets;
import dev.flywheel.kafka.KafkaLogWriter;
import dev.flywheel.quality.AlertBoard;
import dev.flywheel.server.NoLocalOperators;
import dev.flywheel.topology.LoopStatus;
import dev.flywheel.topology.ServingLoops;
import dev.flywheel.topology.ServingState;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a server of the distributed shape shows of the stream operators, which run in the Flink job:
 * how far they have applied this server's own appends. A seq here is this server's writer's
 * ({@code KafkaLogWriter}); the operators' progress is the offsets the job published with its state
 * ({@link ServingState#applied}), and "applied up to seq S" means every record this server appended
 * up to S sits at or below them. So decide's wait keeps its meaning: at most {@code
 * server.decide_max_lag} of the entries this server acknowledged before the request may be missing
 * from the state it reads, waiting up to {@code server.decide_wait}. Entries other servers
 * acknowledged are not waited for (a client that wants them reads its own writes through one server).
 *
 * <p>The published offsets are read at most once per {@link #POLL_MILLIS} (a decide in a busy
 * server does not query the store each time); a wait re-reads them at that pace. A decide's wait
 * does not cover the alerts: they trail the job by its checkpoint interval and the poll's.
 */
final class ServingStream extends NoLocalOperators {
    static final long POLL_MILLIS = 20;
    private final KafkaLogWriter writer;
    private final AcknowledgedOffsets acknowledged;
    private final ServingState state;
    private final ServingLoops loops;
    /** The coverage ({@link #appliedSeq}) up to which the catalog has been polled. */
    private long catalogCovered = -1;
    private long readAt;
    private boolean read;
    private long covered = -1;

    /**
     * @param alerts    the alerts read back from the job's alert log ({@link AlertFollower}): the monitors run in the job
     * @param loopNames every configured loop, as the embedded engine counts them: the job's monitors watch each
     */
    ServingStream(KafkaLogWriter writer, ServingState state, AlertBoard alerts, Set<String> loopNames, ServingLoops loops) {
        super(alerts, loopNames);
        this.loops = loops;
        this.writer = writer;
        this.acknowledged = writer.acknowledged();
        this.state = state;
    }

    /** The loops' learners as the job last published them ({@code ServingLoops.status}). */
    @Override
    public List<LoopStatus> loops() {
        return loops.status();
    }

    @Override
    public boolean awaitCurrent(long timeoutMillis) {
        return awaitSeq(writer.nextSeq() - 1, timeoutMillis);
    }

    @Override
    public boolean awaitSeq(long seq, long timeoutMillis) {
        long deadline = System.nanoTime() + timeoutMillis * 1_000_000L;
        while (appliedSeq() < seq) {
            if (System.nanoTime() >= deadline) return false;
            try {
                Thread.sleep(POLL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        refreshCatalog();
        return true;
    }

    /**
     * Polls the catalog now when the operators applied more of this server's appends since the last
     * time: an item posted through this server is then offered by the decide that waited for it, not
     * up to a poll period later (the published catalog entries are written with the offsets that cover them).
     */
    private void refreshCatalog() {
        long covered = appliedSeq();
        synchronized (this) {
            if (covered <= catalogCovered) return;
            catalogCovered = covered;
        }
        loops.pollCatalog();
    }

    /** The highest seq of this server's writer up to which the operators have applied everything it appended. */
    @Override
    public synchronized long appliedSeq() {
        // a throttle on queries, so measured in wall time rather than by the engine's clock
        long now = System.nanoTime();
        if (!read || now - readAt >= POLL_MILLIS * 1_000_000L) {
            covered = acknowledged.coveredBy(state.applied());
            readAt = now;
            read = true;
        }
        return covered;
    }

    @Override
    public Map<String, Object> checkpoints() {
        return Map.of("shape", "distributed", "applied_offsets", state.applied());
    }
}
