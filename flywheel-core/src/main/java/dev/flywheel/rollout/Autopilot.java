package dev.flywheel.rollout;

import dev.flywheel.model.SnapshotStore;
import dev.flywheel.model.TrainingSnapshot;
import dev.flywheel.model.VersionRecord;
import dev.flywheel.quality.AlertBoard;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Closes the loop without a person: on every tick, for each served loop, a loop without a challenger
 * asks its triggers and retrains when one fires; a challenger in shadow is judged off-policy; a
 * canary is judged by the sequential tests; a paused canary waits for a person (a monitor paused it
 * because the loop's data looked wrong, which no rule here can judge). Ticks run on one thread; a
 * failed tick is counted and the next one tries again (every step it takes is complete or not
 * logged at all).
 */
public final class Autopilot {
    private final ModelLifecycle lifecycle;
    private final Retrainer retrainer;
    private final CanaryJudge judge;
    private final SnapshotStore snapshots;
    private final Clock clock;
    private final Map<String, List<Trigger>> triggers = new HashMap<>();
    private final Map<String, Trigger.Since> since = new HashMap<>();
    private final AtomicLong failures = new AtomicLong();

    public Autopilot(ModelLifecycle lifecycle, SnapshotStore snapshots, RolloutData data, Clock clock) {
        this(lifecycle, snapshots, data, clock, null, Set.of());
    }

    /**
     * @param alerts         the monitors' alerts (null: none)
     * @param retrainOnDrift the loops whose {@code quality.actions} include {@code retrain}: a drift
     *                       alert is their first trigger, so it names the retraining it starts
     */
    public Autopilot(ModelLifecycle lifecycle, SnapshotStore snapshots, RolloutData data, Clock clock, AlertBoard alerts,
                     Set<String> retrainOnDrift) {
        this.lifecycle = lifecycle;
        this.snapshots = snapshots;
        this.clock = clock;
        this.retrainer = new Retrainer(lifecycle, snapshots, data, clock);
        this.judge = new CanaryJudge(lifecycle, data);
        for (String loop : lifecycle.loops()) {
            RolloutSpec spec = lifecycle.served(loop).rollout();
            List<Trigger> loopTriggers = new ArrayList<>();
            if (alerts != null && retrainOnDrift.contains(loop)) loopTriggers.add(Triggers.drift(alerts, data));
            loopTriggers.addAll(Triggers.of(spec.retrain(), data, spec.promotion()));
            triggers.put(loop, loopTriggers);
        }
    }

    /** One look at every loop; returns the changes it made. */
    public synchronized List<AuditRecord> tick() {
        List<AuditRecord> made = new ArrayList<>();
        for (String loop : lifecycle.loops()) {
            try {
                AuditRecord r = tick(loop);
                if (r != null) made.add(r);
            } catch (RuntimeException e) {
                failures.incrementAndGet();
                throw e;
            }
        }
        return made;
    }

    private AuditRecord tick(String loop) {
        RolloutState s = lifecycle.read(loop, LoopLifecycle::state);
        RolloutSpec spec = lifecycle.served(loop).rollout();
        if (s.stage() == VersionStatus.SHADOW) return judge.judgeShadow(loop, s, spec);
        if (s.stage() == VersionStatus.CANARY) return judge.judgeCanary(loop, s, spec.promotion());
        if (s.stage() == VersionStatus.PAUSED) return null;
        Trigger.Since from = since(loop, s);
        for (Trigger t : triggers.get(loop)) {
            Optional<Trigger.Fired> fired = t.check(from, clock.instant());
            if (fired.isPresent()) return retrain(loop, s, fired.get());
        }
        return null;
    }

    private AuditRecord retrain(String loop, RolloutState s, Trigger.Fired fired) {
        VersionRecord v = retrainer.retrain(loop, fired);
        Instant now = clock.instant();
        long seq = v == null ? since.get(loop).snapshotSeq() : snapshots.get(v.dataset()).toSeq();
        since.put(loop, new Trigger.Since(loop, seq, now, s));
        if (v == null) return null;
        return lifecycle.read(loop, l -> l.audit().get(l.audit().size() - 1));
    }

    /** Where the loop stands: its latest version's snapshot and creation time, remembered across restarts by the registry. */
    private Trigger.Since since(String loop, RolloutState s) {
        Trigger.Since known = since.get(loop);
        if (known != null) return new Trigger.Since(loop, known.snapshotSeq(), known.retrainedAt(), s);
        long seq = -1;
        Instant at = lifecycle.read(loop, l -> l.versions().values().iterator().next().created());
        for (VersionRecord v : lifecycle.read(loop, l -> List.copyOf(l.versions().values()))) {
            if (v.dataset() == null) continue;
            at = v.created().isAfter(at) ? v.created() : at;
            try {
                TrainingSnapshot snap = snapshots.get(v.dataset());
                seq = Math.max(seq, snap.toSeq());
            } catch (NoSuchElementException gone) {
                // a snapshot deleted by hand: count from the start rather than never retrain
            }
        }
        Trigger.Since found = new Trigger.Since(loop, seq, at, s);
        since.put(loop, found);
        return found;
    }

    public Retrainer retrainer() {
        return retrainer;
    }

    /** Ticks that failed (and were retried by the next one). */
    public long failures() {
        return failures.get();
    }
}
