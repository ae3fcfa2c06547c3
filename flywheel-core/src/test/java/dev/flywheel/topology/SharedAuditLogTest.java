package dev.flywheel.topology;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flywheel.config.ConfigTree;
import dev.flywheel.feature.FeatureCacheSettings;
import dev.flywheel.loop.LoopSpec;
import dev.flywheel.model.ModelStore;
import dev.flywheel.model.VersionRecord;
import dev.flywheel.rollout.AuditLog;
import dev.flywheel.rollout.AuditRecord;
import dev.flywheel.rollout.ModelLifecycle;
import dev.flywheel.rollout.RolloutPolicy;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Two servers' lifecycles over one audit log (as PostgreSQL shares it): the first start registers
 * the first version once, a change made through one is served by the other after its
 * {@link ModelLifecycle#refresh}, and a change on top of a record not read yet is refused by the log
 * and goes through once refreshed.
 */
class SharedAuditLogTest {
    private static final Map<String, Object> LOOP = Map.of("name", "feed",
            "reward", Map.of("weights", Map.of("like", 1.0)), "collaborative", Map.of("enabled", false),
            "rollout", Map.of("salt", "s", "canary", 0.5));
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-01-02T00:00:00Z"), ZoneOffset.UTC);

    /** An audit log that refuses a seq already taken, as the PostgreSQL one does. */
    private static final class SharedLog implements AuditLog {
        private final List<AuditRecord> records = new ArrayList<>();

        @Override
        public synchronized List<AuditRecord> readAll() {
            return List.copyOf(records);
        }

        @Override
        public synchronized void append(AuditRecord r) {
            if (r.seq() != records.size() + 1) throw new IllegalArgumentException("audit seq must be " + (records.size() + 1) + ", got " + r.seq());
            records.add(r);
        }

        @Override
        public void close() { }
    }

    private static final class States implements ModelStore {
        private final Map<String, byte[]> states = new HashMap<>();

        @Override
        public synchronized String put(byte[] state) {
            String id = "s" + states.size();
            states.put(id, state.clone());
            return id;
        }

        @Override
        public synchronized byte[] get(String id) {
            return states.get(id).clone();
        }

        @Override
        public synchronized boolean contains(String id) {
            return states.containsKey(id);
        }
    }

    private static ServingLoops loops() {
        Topology t = Topology.build(List.of(LoopSpec.from(new ConfigTree("loops[0]", LOOP))), new dev.flywheel.catalog.Catalog(), null, true);
        return ServingLoops.build(List.of(LoopSpec.from(new ConfigTree("loops[0]", LOOP))), new TopologyServingState(t),
                FeatureCacheSettings.DEFAULTS, CLOCK);
    }

    private static ModelLifecycle lifecycle(SharedLog log, States states, ServingLoops loops) {
        return new ModelLifecycle(log, states, null, () -> -1, CLOCK, "test", loops.served());
    }

    @Test
    void aChangeThroughOneServerIsServedByTheOtherOnceItRefreshes() {
        SharedLog log = new SharedLog();
        States states = new States();
        ServingLoops one = loops();
        ServingLoops two = loops();
        ModelLifecycle first = lifecycle(log, states, one);
        first.start();
        int started = log.readAll().size();
        ModelLifecycle second = lifecycle(log, states, two);
        assertEquals(0, second.refresh(), "the constructor read what the first start recorded");
        second.start();
        assertEquals(started, log.readAll().size(), "the first version is registered once");

        Topology fresh = Topology.build(List.of(LoopSpec.from(new ConfigTree("loops[0]", LOOP))), new dev.flywheel.catalog.Catalog(), null, true);
        String state = states.put(fresh.loop("feed").model().state().get());
        first.register(new VersionRecord("feed", "v2", "content-bandit", Map.of(), null, "test", "v1", "test",
                VersionRecord.Mode.FROZEN, CLOCK.instant(), Map.of(), state, null), "test", "a copy");
        first.change("feed", AuditRecord.Action.CANARY, "v2", "test", "split", Map.of());
        RolloutPolicy policyTwo = (RolloutPolicy) two.policies().get("feed");
        assertNull(policyTwo.plan().challenger(), "not read yet");
        var refused = assertThrows(IllegalArgumentException.class,
                () -> second.allocate("feed", new dev.flywheel.rollout.Allocation(0.2, 0.0, false), "test", "stale"));
        assertTrue(refused.getMessage().contains("audit seq"), refused.getMessage());
        assertEquals(2, second.refresh());
        assertEquals("v2", policyTwo.plan().challenger().name());
        assertEquals("v2", second.read("feed", l -> l.state().canary()));
        second.change("feed", AuditRecord.Action.ROLLBACK, "v2", "test", "after the refresh", Map.of());
        assertEquals(1, first.refresh());
        assertNull(((RolloutPolicy) one.policies().get("feed")).plan().challenger());
    }
}
