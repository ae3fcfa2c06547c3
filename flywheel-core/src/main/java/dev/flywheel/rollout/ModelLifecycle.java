package dev.flywheel.rollout;

import dev.flywheel.model.ModelStore;
import dev.flywheel.model.ModelVersion;
import dev.flywheel.model.OnlineVersion;
import dev.flywheel.model.SnapshotStore;
import dev.flywheel.model.VersionRecord;
import dev.flywheel.rollout.AuditRecord.Action;
import java.time.Clock;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.function.LongSupplier;

/**
 * The model registry and rollouts of every served loop, kept as one audit log. A change is checked
 * against the loop's current state, appended to the audit log (the commit point: after a crash it
 * either happened completely or not at all), applied, and published to the loop's policy as a new
 * {@link ServingPlan}. At start the log is folded again, so versions, aliases and periods come back
 * exactly as recorded; a loop that has no version yet gets {@code v1}, registered and promoted by
 * {@code engine}.
 *
 * <p>Starting takes two steps around the event log's replay. The constructor folds the audit log
 * and resumes every online retrained version (its snapshot trains its start again), so the replay
 * hands each one the outcomes after its recorded position, in the order they closed the first time,
 * and it serves the model it had before the restart. {@link #start}, after the replay, registers
 * new loops' first versions (a frozen one is the replayed learner) and publishes the plans.
 *
 * <p>Why rebuild rather than persist an online version's fit: the snapshot and the code determine
 * the start exactly (checked against the stored state), and the log determines the rest; a
 * persisted fit would be one more state that has to agree with a log position, which only
 * checkpoints of every operator could give (docs/performance.md), while the replay runs anyway.
 *
 * <p>Thread-safe: changes are serialised on this object; decisions read the published plans.
 */
public final class ModelLifecycle {
    /** The actor of changes the engine makes on its own at start. */
    public static final String ENGINE = "engine";
    /** The actor of allocation changes read from flywheel.yaml. */
    public static final String CONFIG = "config";
    /** The actor of changes a monitor's alert makes through the loop's configured actions. */
    public static final String MONITOR = "monitor";
    private final AuditLog log;
    private final ModelStore states;
    private final Clock clock;
    private final String code;
    private final Map<String, ServedLoop> loops = new LinkedHashMap<>();
    private final Map<String, LoopLifecycle> lifecycles = new LinkedHashMap<>();
    private final Map<String, Map<String, ModelVersion>> built = new HashMap<>();
    private final OnlineVersions online;
    private long seq;

    /**
     * Folds the audit log and resumes the online retrained versions; call {@link #start} after the
     * event log's replay.
     *
     * @param snapshots what online retrained versions start from
     * @param position  the last event-log position the loops' learners have handled (the stream
     *                  runner's progress): where an online version registered now starts learning
     * @param code      the running code's version, recorded with every version it registers
     */
    public ModelLifecycle(AuditLog log, ModelStore states, SnapshotStore snapshots, LongSupplier position, Clock clock,
                          String code, List<ServedLoop> served) {
        this.log = log;
        this.states = states;
        this.clock = clock;
        this.code = code;
        for (ServedLoop s : served) {
            loops.put(s.loop(), s);
            lifecycles.put(s.loop(), new LoopLifecycle(s.loop(), s.rollout().allocation()));
        }
        this.online = new OnlineVersions(states, snapshots, position);
        recover();
        lifecycles.values().forEach(l -> l.versions().values().forEach(this::resume));
    }

    /** Registers new loops' first versions and publishes every loop's plan: after the event log's replay. */
    public synchronized void start() {
        loops.values().forEach(this::bootstrap);
        loops.values().forEach(s -> s.policy().previewFrom(v -> version(s.loop(), v)));
        loops.keySet().forEach(this::publish);
    }

    /**
     * Applies what other processes appended to the audit log since this one last read it, and
     * publishes the plans of the loops it changed; returns how many records it took. Servers of the
     * distributed shape share one audit log and call it on a poll: a version promoted through one
     * server is served by every other one within the poll interval. A change made here between two
     * polls on top of a record not read yet is refused by the log (its seq is taken) and can be sent
     * again once the poll has read it.
     */
    public synchronized int refresh() {
        java.util.Set<String> changed = new java.util.LinkedHashSet<>();
        List<AuditRecord> after = log.readAfter(seq);
        for (AuditRecord r : after) {
            if (r.seq() != seq + 1) throw new IllegalStateException("the audit log skips from seq " + seq + " to " + r.seq());
            seq = r.seq();
            LoopLifecycle l = lifecycles.get(r.loop());
            if (l == null) continue;
            l.apply(r);
            if (r.action() == Action.REGISTER && r.registered() != null) resume(r.registered());
            changed.add(r.loop());
        }
        changed.forEach(this::publish);
        return after.size();
    }

    private void recover() {
        for (AuditRecord r : log.readAll()) {
            seq = r.seq();
            LoopLifecycle l = lifecycles.get(r.loop());
            if (l != null) l.apply(r); // a loop no longer configured: its records stay in the log, unserved
        }
    }

    private void bootstrap(ServedLoop s) {
        LoopLifecycle l = lifecycles.get(s.loop());
        if (l.versions().isEmpty()) {
            VersionRecord.Mode mode = s.rollout().initial();
            String state = mode == VersionRecord.Mode.FROZEN ? states.put(s.model().state().get()) : null;
            VersionRecord v1 = new VersionRecord(s.loop(), l.nextVersion(), s.spec().family(), s.spec().params(), null, code,
                    null, "initial", mode, clock.instant(), Map.of(), state);
            record(s.loop(), Action.REGISTER, v1.version(), ENGINE, "the loop's first version", Map.of(), v1, null);
            record(s.loop(), Action.PROMOTE, v1.version(), ENGINE, "the loop had no champion", Map.of(), null, null);
        }
        Allocation configured = s.rollout().allocation();
        if (!configured.equals(lastConfigured(l))) {
            record(s.loop(), Action.ALLOCATE, null, CONFIG, "flywheel.yaml sets this split", Map.of(), null, configured);
        }
    }

    /** The split flywheel.yaml last set (an API change stays until the file says something new). */
    private static Allocation lastConfigured(LoopLifecycle l) {
        Allocation last = null;
        for (AuditRecord r : l.audit()) {
            if (r.action() == Action.ALLOCATE && CONFIG.equals(r.actor())) last = r.allocation();
        }
        return last == null ? l.periods().isEmpty() ? null : l.periods().get(0).allocation() : last;
    }

    /**
     * Registers {@code record} (its state already stored); returns it as registered. An online
     * retrained version starts learning here: it listens first, then takes the learners' position,
     * so every outcome of a decision after that position reaches it (outcomes close after their
     * decision is handled), and that position is what its record keeps for a replay.
     */
    public synchronized VersionRecord register(VersionRecord record, String actor, String reason) {
        if (record.state() != null && !states.contains(record.state())) {
            throw new IllegalArgumentException("state " + record.state() + " of version " + record.version() + " is not stored");
        }
        if (!record.retrainedOnline()) {
            record(record.loop(), Action.REGISTER, record.version(), actor, reason, Map.of(), record, null);
            return record;
        }
        if (record.learnsAfter() != null) throw new IllegalArgumentException("learnsAfter is set by the registry, not by its caller");
        lifecycle(record.loop());
        OnlineVersion v = online.start(served(record.loop()).model(), record);
        try {
            VersionRecord registered = record.learningAfter(online.position());
            v.learnAfter(registered.learnsAfter());
            record(record.loop(), Action.REGISTER, record.version(), actor, reason, Map.of(), registered, null);
            online.put(record.loop(), v);
            return registered;
        } catch (RuntimeException e) {
            v.stop();
            throw e;
        }
    }

    /** Starts an online retrained version again from its record, learning after its recorded position. */
    private void resume(VersionRecord r) {
        ServedLoop s = loops.get(r.loop());
        if (!r.retrainedOnline() || !s.spec().family().equals(r.family())) return;
        OnlineVersion v = online.start(s.model(), r);
        v.learnAfter(r.learnsAfter());
        online.put(r.loop(), v);
    }

    /** The run-time learner of online retrained version {@code version}, e.g. to read the model it has now. */
    public synchronized OnlineVersion online(String loop, String version) {
        lifecycle(loop);
        OnlineVersion v = online.get(loop, version);
        if (v == null) throw new NoSuchElementException("version " + version + " of loop " + loop + " does not learn online");
        return v;
    }

    /** Applies a change of version {@code version}'s standing (shadow, canary, promote, rollback, retire, baseline). */
    public synchronized AuditRecord change(String loop, Action action, String version, String actor, String reason,
                                           Map<String, Double> numbers) {
        if (action == Action.REGISTER || action == Action.ALLOCATE) throw new IllegalArgumentException(action.label() + " has its own method");
        return record(loop, action, version, actor, reason, numbers, null, null);
    }

    /**
     * Pauses {@code loop}'s canary, if it has one now: read and changed under one lock, so a verdict
     * of the autopilot cannot end the canary in between. Returns the record, or null when there was
     * no canary to pause.
     */
    public synchronized AuditRecord pauseCanary(String loop, String actor, String reason, Map<String, Double> numbers) {
        String canary = lifecycle(loop).state().canary();
        return canary == null ? null : change(loop, Action.PAUSE, canary, actor, reason, numbers);
    }

    /** Sets the split of {@code loop}. */
    public synchronized AuditRecord allocate(String loop, Allocation allocation, String actor, String reason) {
        return record(loop, Action.ALLOCATE, null, actor, reason, Map.of(), null, allocation);
    }

    private AuditRecord record(String loop, Action action, String version, String actor, String reason,
                               Map<String, Double> numbers, VersionRecord registered, Allocation allocation) {
        LoopLifecycle l = lifecycle(loop);
        AuditRecord r = new AuditRecord(seq + 1, clock.instant(), loop, action, version, actor, reason, numbers,
                registered, allocation);
        l.check(r);
        if (action != Action.REGISTER) runtime(loop, version, r);
        log.append(r);
        seq = r.seq();
        l.apply(r);
        publish(loop);
        return r;
    }

    /** Builds the version a change will serve before the change is logged, so a bad state fails the change. */
    private void runtime(String loop, String version, AuditRecord r) {
        if (version != null && r.action() != Action.ROLLBACK && r.action() != Action.RETIRE) version(loop, version);
    }

    private void publish(String loop) {
        LoopLifecycle l = lifecycles.get(loop);
        RolloutState s = l.state();
        if (s.champion() == null) return;
        loops.get(loop).policy().serve(new ServingPlan(s, version(loop, s.champion()),
                s.challenger() == null ? null : version(loop, s.challenger()),
                s.baseline() == null ? null : version(loop, s.baseline())));
    }

    /**
     * The runtime of a registered version: the live model for the live learner, its stored state for
     * a frozen one, its own learner for an online retrained one.
     */
    public synchronized ModelVersion version(String loop, String version) {
        VersionRecord r = lifecycle(loop).versions().get(version);
        if (r == null) throw new NoSuchElementException("no version " + version + " in loop " + loop);
        return built.computeIfAbsent(loop, k -> new HashMap<>()).computeIfAbsent(version, v -> {
            var model = loops.get(loop).model();
            if (r.liveLearner()) return model.online(v);
            if (r.retrainedOnline()) return online(loop, v).version();
            return model.frozen(v, states.get(r.state()));
        });
    }

    /** What {@code read} computes from {@code loop}'s registry and rollout, under the lock changes take. */
    public synchronized <T> T read(String loop, java.util.function.Function<LoopLifecycle, T> read) {
        return read.apply(lifecycle(loop));
    }

    private LoopLifecycle lifecycle(String loop) {
        LoopLifecycle l = lifecycles.get(loop);
        if (l == null) throw new NoSuchElementException("no served loop named " + loop);
        return l;
    }

    public boolean serves(String loop) {
        return lifecycles.containsKey(loop);
    }


    /** The loop as served: its family, runtime model and rollout section. */
    public ServedLoop served(String loop) {
        ServedLoop s = loops.get(loop);
        if (s == null) throw new NoSuchElementException("no served loop named " + loop);
        return s;
    }

    /** The served loops' names. */
    public java.util.Set<String> loops() {
        return java.util.Collections.unmodifiableSet(loops.keySet());
    }

    public ModelStore states() {
        return states;
    }

    public String code() {
        return code;
    }
}
