package dev.flywheel.feature;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flywheel.feature.contract.FeatureStateSourceContract;
import dev.flywheel.feature.contract.MemoryFeatureStore;
import dev.flywheel.log.LogEntry;
import dev.flywheel.state.StateReader;
import dev.flywheel.topology.LoopHistory;
import dev.flywheel.topology.TopologyTestDriver;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The change feed, followed through a store of bytes: the keys drained after each chunk, written
 * where newer, and read back decoded, follow the features exactly (the contract).
 */
class ChangeFeedTest extends FeatureStateSourceContract {
    private long seq;

    @Override
    protected Follower follow(InMemoryFeedbackFeatures features) {
        features.trackChanges();
        MemoryFeatureStore store = new MemoryFeatureStore();
        FeatureStateSource source = store.source(LOOP, SETTINGS.halfLife());
        return new Follower() {
            @Override
            public FeatureStateSource source() {
                return source;
            }

            @Override
            public void sync() {
                store.upsert(features.drainChanges(LOOP, ++seq, false));
            }
        };
    }

    @Test
    void aDrainHandsOnOnlyWhatChangedSinceTheLastAndNothingTwice() {
        Writer w = new Writer();
        w.features.trackChanges();
        List<LogEntry> log = TopologyTestDriver.entries(LoopHistory.of(3, 50));
        log.forEach(w::accept);
        List<FeatureStateChange> first = w.features.drainChanges(LOOP, 1, false);
        assertTrue(first.size() > 20, "users, items and the global state: " + first.size());
        assertEquals(List.of(), w.features.drainChanges(LOOP, 2, false), "nothing changed since");
        w.features.forget("u1");
        Set<FeatureKey> keys = w.features.drainChanges(LOOP, 3, false).stream().map(FeatureStateChange::key).collect(Collectors.toSet());
        assertTrue(keys.contains(FeatureKey.user("u1")) && keys.contains(FeatureKey.GLOBAL), keys.toString());
        assertTrue(keys.stream().allMatch(k -> k.kind() != FeatureKey.Kind.USER || k.id().equals("u1")), "only u1 of the users: " + keys);
    }

    /** A store keeps the newest position of a key: a restored job's older emission does not replace it. */
    /** Every state a compaction visited was handed on again, folded or not: each drain re-encoded a minute's users. */
    @Test
    void aCompactionThatFoldsNothingHandsOnNoUserAndNoItem() {
        Writer w = new Writer();
        w.features.trackChanges();
        TopologyTestDriver.entries(LoopHistory.of(3, 50)).forEach(w::accept);
        java.time.Instant at = LoopHistory.START.plusSeconds(99_000);
        w.features.compact(at.minusSeconds(60)); // folds the history
        assertTrue(w.features.drainChanges(LOOP, 1, false).size() > 20);
        w.features.onEvent(new dev.flywheel.event.Event("lx", "like", at, "u5", null, null, LOOP, "a7", null, null));
        assertTrue(w.features.drainChanges(LOOP, 2, false).size() >= 3, "the like's user, item and the global state");
        w.features.compact(at.minusSeconds(30));
        assertEquals(List.of(FeatureKey.GLOBAL), w.features.drainChanges(LOOP, 3, false).stream().map(FeatureStateChange::key).toList(),
                "the like's states hold nothing at or before the horizon");
        w.features.compact(at.plusSeconds(60));
        List<FeatureKey> folded = w.features.drainChanges(LOOP, 4, false).stream().map(FeatureStateChange::key).toList();
        assertTrue(folded.contains(FeatureKey.user("u5")) && folded.contains(FeatureKey.item("a7")), "a compaction that folds hands on what it folded: " + folded);
    }

    @Test
    void anOlderPositionNeverReplacesANewerOne() {
        MemoryFeatureStore store = new MemoryFeatureStore();
        FeatureKey k = FeatureKey.user("u");
        store.upsert(List.of(new FeatureStateChange(LOOP, k, 10, true, new byte[] {1})));
        store.upsert(List.of(new FeatureStateChange(LOOP, k, 10, false, new byte[] {2}), new FeatureStateChange(LOOP, k, 9, true, null)));
        assertArrayEquals(new byte[] {1}, store.row(LOOP, k).bytes());
        store.upsert(List.of(new FeatureStateChange(LOOP, k, 11, false, null)));
        assertNull(store.row(LOOP, k).bytes());
    }

    /** A job restored from a checkpoint emits, for the same updates, the same bytes as the one that wrote it. */
    @Test
    void restoredFeaturesHandOnTheSameBytesForTheSameUpdates() {
        Writer w = new Writer();
        TopologyTestDriver.entries(LoopHistory.of(4, 100)).forEach(w::accept);
        dev.flywheel.state.StateWriter out = new dev.flywheel.state.StateWriter();
        w.features.writeState(out);
        InMemoryFeedbackFeatures restored = new InMemoryFeedbackFeatures(SETTINGS, w.vectors);
        restored.readState(new StateReader(out.toByteArray()));
        w.features.trackChanges();
        restored.trackChanges();
        var ignore = new dev.flywheel.outcome.Outcome("dx", LOOP, "u2", "a1", 1, 0.5, null, "m", "arm",
                LoopHistory.START, 4, List.of(), 0, true, 0);
        var like = new dev.flywheel.event.Event("lx", "like", LoopHistory.START.plusSeconds(99_000), "u5", null, null, LOOP, "a7", null, null);
        for (InMemoryFeedbackFeatures f : List.of(w.features, restored)) {
            f.onOutcome(ignore, LoopHistory.START.plusSeconds(99_000));
            f.onEvent(like);
            f.compact(LoopHistory.START.plusSeconds(98_000));
        }
        List<FeatureStateChange> a = w.features.drainChanges(LOOP, 1, false);
        List<FeatureStateChange> b = restored.drainChanges(LOOP, 1, false);
        assertEquals(a.stream().map(FeatureStateChange::key).toList(), b.stream().map(FeatureStateChange::key).toList());
        for (int i = 0; i < a.size(); i++) assertArrayEquals(a.get(i).bytes(), b.get(i).bytes(), a.get(i).key().toString());
        assertTrue(a.size() > 3, "the compaction hands on the keys it folded: " + a.size());
    }
}
