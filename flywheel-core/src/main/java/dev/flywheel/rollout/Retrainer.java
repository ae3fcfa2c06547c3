package dev.flywheel.rollout;

import dev.flywheel.model.ModelSpec;
import dev.flywheel.model.SnapshotStore;
import dev.flywheel.model.TrainedFactors;
import dev.flywheel.model.TrainingSnapshot;
import dev.flywheel.model.VersionRecord;
import dev.flywheel.rollout.AuditRecord.Action;
import java.time.Clock;
import java.util.Map;
import java.util.TreeMap;

/**
 * A retraining from start to shadow: cut a training snapshot through what the store holds, train the
 * loop's family on it, store the state, register the version (frozen or online, as
 * {@code rollout.retrain.mode} says) (parent: the champion; trigger and
 * snapshot recorded) and start it in shadow. Each step is complete before the next: a crash leaves
 * at most an unreferenced snapshot or state, never a version without its state.
 */
public final class Retrainer {
    private final ModelLifecycle lifecycle;
    private final SnapshotStore snapshots;
    private final RolloutData data;
    private final Clock clock;

    public Retrainer(ModelLifecycle lifecycle, SnapshotStore snapshots, RolloutData data, Clock clock) {
        this.lifecycle = lifecycle;
        this.snapshots = snapshots;
        this.data = data;
        this.clock = clock;
    }

    /** Cuts a snapshot of {@code loop} through everything the store holds now. */
    public TrainingSnapshot snapshot(String loop) {
        ServedLoop served = lifecycle.served(loop);
        return snapshots.create(loop, data.appliedSeq(), served.spec().featureNames(), served.excluded());
    }

    /** {@link #train(String, TrainingSnapshot, String, VersionRecord.Mode)} in the loop's {@code rollout.retrain.mode}. */
    public VersionRecord train(String loop, TrainingSnapshot snapshot, String trigger) {
        return train(loop, snapshot, trigger, lifecycle.served(loop).rollout().retrain().mode());
    }

    /**
     * Trains a version of {@code loop} from {@code snapshot}; the state is stored, the version not yet
     * registered. An online version's state is the model it starts from; the registry starts its
     * learning when it registers it.
     */
    public VersionRecord train(String loop, TrainingSnapshot snapshot, String trigger, VersionRecord.Mode mode) {
        ModelSpec spec = lifecycle.served(loop).spec();
        return record(loop, snapshot, trigger, mode, spec.train(snapshots.rows(snapshot.id())), spec.params());
    }

    /**
     * Trains a frozen version of {@code loop} from {@code snapshot} that carries its own collaborative
     * models, whose factorisation is {@code factors} (trained on the same snapshot, e.g. on Spark);
     * the state is stored, the version not yet registered. Its parameters name the factors' trainer.
     */
    public VersionRecord train(String loop, TrainingSnapshot snapshot, String trigger, TrainedFactors factors) {
        if (!factors.snapshot().equals(snapshot.id())) {
            throw new IllegalArgumentException("the factors were trained on snapshot " + factors.snapshot() + ", not " + snapshot.id());
        }
        ModelSpec spec = lifecycle.served(loop).spec();
        Map<String, String> params = new TreeMap<>(spec.params());
        params.put("collaborative.trainer", factors.trainer());
        return record(loop, snapshot, trigger, VersionRecord.Mode.FROZEN, spec.train(snapshots.rows(snapshot.id()), factors), params);
    }

    private VersionRecord record(String loop, TrainingSnapshot snapshot, String trigger, VersionRecord.Mode mode,
                                 ModelSpec.Training t, Map<String, String> params) {
        String state = lifecycle.states().put(t.state());
        String parent = lifecycle.read(loop, l -> l.state().champion());
        String version = lifecycle.read(loop, LoopLifecycle::nextVersion);
        Map<String, Double> metrics = new TreeMap<>(t.metrics());
        metrics.put("snapshot.rows", (double) snapshot.rows());
        return new VersionRecord(loop, version, lifecycle.served(loop).spec().family(), params, snapshot.id(), lifecycle.code(),
                parent, trigger, mode, clock.instant(), metrics, state);
    }

    /** The whole retraining for a fired trigger; null when the snapshot holds no rows yet. */
    public VersionRecord retrain(String loop, Trigger.Fired fired) {
        TrainingSnapshot snap = snapshot(loop);
        if (snap.rows() == 0) return null;
        VersionRecord v = train(loop, snap, fired.name());
        String actor = "rule:trigger-" + fired.name();
        lifecycle.register(v, actor, fired.reason() + "; trained on snapshot " + snap.id().substring(0, 12) + " ("
                + snap.rows() + " rows)");
        lifecycle.change(loop, Action.SHADOW, v.version(), actor, "a new version scores in shadow before any user sees it",
                fired.numbers());
        return v;
    }
}
