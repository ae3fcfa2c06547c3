package dev.flywheel.rollout;

import dev.flywheel.model.LoopModel;
import dev.flywheel.model.ModelStore;
import dev.flywheel.model.OnlineVersion;
import dev.flywheel.model.SnapshotStore;
import dev.flywheel.model.VersionRecord;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/** The learners of the registry's online retrained versions, by loop and version; its owner serialises access. */
final class OnlineVersions {
    private final ModelStore states;
    private final SnapshotStore snapshots;
    private final LongSupplier position;
    private final Map<String, Map<String, OnlineVersion>> learners = new HashMap<>();

    OnlineVersions(ModelStore states, SnapshotStore snapshots, LongSupplier position) {
        this.states = states;
        this.snapshots = snapshots;
        this.position = position;
    }

    /**
     * Starts {@code r}'s learner from its snapshot, not learning yet. The snapshot must train exactly
     * the state the version records: otherwise the code that trains it changed, and the version
     * would serve a model nobody registered.
     */
    OnlineVersion start(LoopModel model, VersionRecord r) {
        OnlineVersion v = model.retrained(r.version(), snapshots.rows(r.dataset()));
        if (!Arrays.equals(v.model().toBytes(), states.get(r.state()))) {
            v.stop();
            throw new IllegalStateException("version " + r.version() + " of loop " + r.loop() + ": snapshot " + r.dataset()
                    + " no longer trains its state " + r.state() + " (trained by code " + r.code() + ")");
        }
        return v;
    }

    /** The learners' position now: where a version registered now starts learning. */
    long position() {
        return position.getAsLong();
    }

    void put(String loop, OnlineVersion v) {
        learners.computeIfAbsent(loop, k -> new HashMap<>()).put(v.version().name(), v);
    }

    /** The learner of {@code version}, or null. */
    OnlineVersion get(String loop, String version) {
        Map<String, OnlineVersion> m = learners.get(loop);
        return m == null ? null : m.get(version);
    }
}
