package dev.flywheel.flink.internal;

import dev.flywheel.feature.FeatureStateChange;
import dev.flywheel.feature.ServingStateBatch;
import dev.flywheel.log.LogEntry;
import dev.flywheel.model.CollaborativeLearner;
import dev.flywheel.model.CollaborativeModels;
import dev.flywheel.topology.LoopRuntime;
import dev.flywheel.topology.LoopStatus;
import dev.flywheel.topology.Topology;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the topology operator publishes for servers, gathered between drains: the catalog entries it
 * applied and the highest offset applied per partition of the log topic; at a drain, with them, the
 * feature states, consumed items and collaborative histories that changed, each learner state that
 * differs from the one last published, the collaborative models a training made since and each
 * loop's learner status when it changed, all as of
 * the position of the drain ({@link ServingStateBatch}). The offsets are part of the operator's
 * checkpointed state; the rest is not: a restored operator publishes every learner state and
 * collaborative models once more, and its replay publishes again what came after the checkpoint.
 */
final class StatePublisher {
    private final Topology topology;
    private final List<LogEntry.ItemEntry> items = new ArrayList<>();
    private final Map<Integer, Long> applied = new TreeMap<>();
    private final Map<String, byte[]> lastModels = new HashMap<>();
    /** Per loop, the collaborative models last published: a training makes a new instance. */
    private final Map<String, CollaborativeModels> lastCollaborative = new HashMap<>();
    private final Map<String, LoopStatus> lastStatus = new HashMap<>();
    private boolean offsetsMoved;

    StatePublisher(Topology topology) {
        this.topology = topology;
        for (LoopRuntime l : topology.loops().values()) {
            l.features().trackChanges();
            l.consumed().trackChanges();
            if (l.model().collaborative() != null) l.model().collaborative().trackChanges();
        }
    }

    /** An entry the topology applied, numbered as it applied it. */
    void applied(LogEntry numbered) {
        if (numbered instanceof LogEntry.ItemEntry i) items.add(i);
    }

    /** The offset of a log topic record whose entry the topology applied (or dropped as a repeat). */
    void applied(int partition, long offset) {
        applied.merge(partition, offset, Math::max);
        offsetsMoved = true;
    }

    /** The highest offset applied per partition, for the checkpoint. */
    Map<Integer, Long> offsets() {
        return new TreeMap<>(applied);
    }

    /** The offsets of a restored checkpoint. */
    void restore(Map<Integer, Long> offsets) {
        applied.putAll(offsets);
    }

    /** What changed since the last drain, as of stream position (seq, afterIdle); null when nothing did. */
    ServingStateBatch drain(long seq, boolean afterIdle) {
        List<FeatureStateChange> features = new ArrayList<>();
        List<ServingStateBatch.Model> models = new ArrayList<>();
        List<ServingStateBatch.PerUser> consumed = new ArrayList<>();
        List<ServingStateBatch.Model> collaborative = new ArrayList<>();
        List<ServingStateBatch.PerUser> histories = new ArrayList<>();
        topology.loops().forEach((name, l) -> {
            CollaborativeLearner learner = l.model().collaborative();
            if (learner != null) drainCollaborative(name, learner, seq, afterIdle, collaborative, histories);
            features.addAll(l.features().drainChanges(name, seq, afterIdle));
            consumed.addAll(l.consumed().drainChanges(seq, afterIdle));
            byte[] state = l.model().state().get();
            // a few kilobytes per loop: cheaper to compare than to track which updates changed it
            if (!Arrays.equals(state, lastModels.get(name))) {
                lastModels.put(name, state);
                models.add(new ServingStateBatch.Model(name, seq, afterIdle, state));
            }
        });
        List<ServingStateBatch.Model> status = new ArrayList<>();
        for (LoopStatus st : topology.status()) {
            if (!st.equals(lastStatus.put(st.loop(), st))) status.add(new ServingStateBatch.Model(st.loop(), seq, afterIdle, st.toBytes()));
        }
        ServingStateBatch batch = new ServingStateBatch(features, models, consumed, items, offsetsMoved ? applied : Map.of(),
                collaborative, histories, status);
        items.clear();
        offsetsMoved = false;
        return batch.isEmpty() ? null : batch;
    }

    /** The loop's models when a training made new ones, and the histories that changed. */
    private void drainCollaborative(String loop, CollaborativeLearner learner, long seq, boolean afterIdle,
                                    List<ServingStateBatch.Model> models, List<ServingStateBatch.PerUser> histories) {
        CollaborativeModels m = learner.models();
        if (m != null && m != lastCollaborative.get(loop)) {
            lastCollaborative.put(loop, m);
            models.add(new ServingStateBatch.Model(loop, seq, afterIdle, learner.publish(m)));
        }
        learner.drainChanges().forEach((user, h) -> histories.add(
                new ServingStateBatch.PerUser(loop, user, seq, afterIdle, h.size() == 0 ? new byte[0] : h.toBytes())));
    }
}
