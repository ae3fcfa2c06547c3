package dev.flywheel.feature;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flywheel.catalog.Item;
import dev.flywheel.feature.contract.MemoryFeatureStore;
import dev.flywheel.log.LogEntry;
import dev.flywheel.state.StateReader;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** A drained batch as the Flink job carries it from the topology to the sink: one record of bytes. */
class ServingStateBatchTest {
    private static byte[] bytes(Random r, int n) {
        byte[] b = new byte[n];
        r.nextBytes(b);
        return b;
    }

    /** Every part, with states from empty to far larger than a writer's first buffer (4 KB). */
    private static ServingStateBatch batch(Random r) {
        List<FeatureStateChange> features = new ArrayList<>();
        features.add(new FeatureStateChange("feed", FeatureKey.GLOBAL, 9, false, bytes(r, 40)));
        features.add(new FeatureStateChange("feed", FeatureKey.user("forgotten"), 9, true, null));
        for (int i = 0; i < 300; i++) features.add(new FeatureStateChange("feed", FeatureKey.item("a" + i), 8, false, bytes(r, r.nextInt(9_000))));
        List<ServingStateBatch.PerUser> consumed = List.of(new ServingStateBatch.PerUser("feed", "ü-user", 7, false, bytes(r, 12)));
        List<ServingStateBatch.PerUser> histories = List.of(new ServingStateBatch.PerUser("feed", "u1", 7, true, bytes(r, 30_000)),
                new ServingStateBatch.PerUser("feed", "u2", 7, true, new byte[0]));
        List<ServingStateBatch.Model> models = List.of(new ServingStateBatch.Model("feed", 6, false, bytes(r, 5_000)));
        List<ServingStateBatch.Model> collaborative = List.of(new ServingStateBatch.Model("feed", 6, false, bytes(r, 70_000)));
        List<ServingStateBatch.Model> status = List.of(new ServingStateBatch.Model("feed", 9, false, bytes(r, 50)));
        List<LogEntry.ItemEntry> items = List.of(new LogEntry.ItemEntry(5, 1_005,
                new Item("a1", "Title", "body", List.of("news"), null, Instant.parse("2026-11-27T10:00:00Z"))));
        return new ServingStateBatch(features, models, consumed, items, Map.of(0, 41L, 3, 7L), collaborative, histories, status);
    }

    @Test
    void aBatchReadsBackAsWritten() {
        ServingStateBatch b = batch(new Random(11));
        ServingStateBatch back = ServingStateBatch.fromBytes(b.toBytes());
        assertEquals(b.features().size(), back.features().size());
        for (int i = 0; i < b.features().size(); i++) {
            FeatureStateChange w = b.features().get(i);
            FeatureStateChange r = back.features().get(i);
            assertEquals(List.of(w.loop(), w.key(), w.seq(), w.afterIdle()), List.of(r.loop(), r.key(), r.seq(), r.afterIdle()));
            assertArrayEquals(w.bytes(), r.bytes(), "feature state " + w.key());
        }
        assertNull(back.features().get(1).bytes(), "a forgotten user stays without a state");
        assertPerUser(b.consumed(), back.consumed());
        assertPerUser(b.histories(), back.histories());
        assertModels(b.models(), back.models());
        assertModels(b.collaborative(), back.collaborative());
        assertModels(b.status(), back.status());
        assertEquals(b.items(), back.items());
        assertEquals(b.applied(), back.applied());
    }

    /** The features are nested in place; readers of the format before that (a length, then the changes) read it alike. */
    @Test
    void theFeaturesAreNestedAsTheirOwnBytes() {
        ServingStateBatch b = batch(new Random(12));
        StateReader in = new StateReader(b.toBytes());
        in.expectVersion("serving state batch", 2);
        byte[] nested = in.getBytes();
        assertArrayEquals(FeatureStateChange.writeAll(b.features()), nested);
    }

    @Test
    void aStoreOfFeatureStatesAloneRefusesABatchWithAnythingElse() {
        Random r = new Random(13);
        ServingStateBatch histories = new ServingStateBatch(List.of(), List.of(), List.of(), List.of(), Map.of(), List.of(),
                List.of(new ServingStateBatch.PerUser("feed", "u1", 1, false, bytes(r, 8))), List.of());
        assertFalse(histories.featuresOnly());
        assertFalse(histories.isEmpty());
        MemoryFeatureStore store = new MemoryFeatureStore();
        assertThrows(UnsupportedOperationException.class, () -> store.publish(histories));
        ServingStateBatch features = ServingStateBatch.ofFeatures(List.of(new FeatureStateChange("feed", FeatureKey.item("a"), 1, false, bytes(r, 8))));
        assertTrue(features.featuresOnly());
        store.publish(features);
        assertArrayEquals(features.features().get(0).bytes(), store.row("feed", FeatureKey.item("a")).bytes());
    }

    private static void assertPerUser(List<ServingStateBatch.PerUser> written, List<ServingStateBatch.PerUser> read) {
        assertEquals(written.size(), read.size());
        for (int i = 0; i < written.size(); i++) {
            ServingStateBatch.PerUser w = written.get(i);
            ServingStateBatch.PerUser r = read.get(i);
            assertEquals(List.of(w.loop(), w.user(), w.seq(), w.afterIdle()), List.of(r.loop(), r.user(), r.seq(), r.afterIdle()));
            assertArrayEquals(w.bytes(), r.bytes());
        }
    }

    private static void assertModels(List<ServingStateBatch.Model> written, List<ServingStateBatch.Model> read) {
        assertEquals(written.size(), read.size());
        for (int i = 0; i < written.size(); i++) {
            ServingStateBatch.Model w = written.get(i);
            ServingStateBatch.Model r = read.get(i);
            assertEquals(List.of(w.loop(), w.seq(), w.afterIdle()), List.of(r.loop(), r.seq(), r.afterIdle()));
            assertArrayEquals(w.bytes(), r.bytes());
        }
    }
}
