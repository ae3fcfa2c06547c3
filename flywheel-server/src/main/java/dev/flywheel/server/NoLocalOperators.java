package dev.flywheel.server;

import dev.flywheel.quality.AlertBoard;
import dev.flywheel.quality.Exclusions;
import dev.flywheel.topology.LoopStatus;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a server that runs no stream operators shows of them (in the distributed shape they run in
 * the Flink job): no open windows, unknown loops, unjoined feedback, learners or exclusions of its
 * own; the alerts of the board it is given. As it stands it waits for nothing (every wait succeeds
 * at once, nothing is applied here), which is all an ingest-only server needs; a server that waits
 * for the job to apply its appends overrides the waits and {@link #checkpoints}.
 */
public class NoLocalOperators implements FlywheelServer.StreamView {
    private final AlertBoard alerts;
    private final Set<String> alertLoops;

    /**
     * @param alerts     the alerts to show (read back from where the job writes them, or an empty board)
     * @param alertLoops the loops whose alert counts the metrics show (those the job's monitors watch)
     */
    public NoLocalOperators(AlertBoard alerts, Set<String> alertLoops) {
        this.alerts = alerts;
        this.alertLoops = Set.copyOf(alertLoops);
    }

    @Override
    public boolean awaitCurrent(long timeoutMillis) {
        return true;
    }

    @Override
    public boolean awaitSeq(long seq, long timeoutMillis) {
        return true;
    }

    @Override
    public long appliedSeq() {
        return -1;
    }

    /** The job's join holds the open windows; a server has none. */
    @Override
    public final long openWindows() {
        return 0;
    }

    @Override
    public final Map<String, Long> unknownLoops() {
        return Map.of();
    }

    @Override
    public final Map<String, Long> unjoined() {
        return Map.of();
    }

    /** The learners run in the job: none of its own here; a server that reads what the job publishes overrides this. */
    @Override
    public List<LoopStatus> loops() {
        return List.of();
    }

    @Override
    public final AlertBoard alerts() {
        return alerts;
    }

    @Override
    public final Set<String> alertLoops() {
        return alertLoops;
    }

    @Override
    public final Map<String, Exclusions> exclusions() {
        return Map.of();
    }

    @Override
    public Map<String, Object> checkpoints() {
        return Map.of();
    }
}
