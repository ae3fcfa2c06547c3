package dev.flywheel.topology;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flywheel.catalog.Catalog;
import dev.flywheel.config.ConfigTree;
import dev.flywheel.feature.FeatureCacheSettings;
import dev.flywheel.log.LogConsumer;
import dev.flywheel.log.LogEntry;
import dev.flywheel.loop.Choice;
import dev.flywheel.loop.DecideRequest;
import dev.flywheel.loop.LoopSpec;
import dev.flywheel.time.ManualClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A server's loops over the read port decide exactly as the embedded topology's own policies on the
 * same log: the same slates, scores, feature values and propensities, decision after decision, while
 * the log goes on and the learner trains. The port is read straight from the topology
 * ({@link TopologyServingState}); what is compared is everything a server rebuilds on its side (the
 * features through the cache and {@code FeatureReads}, the learner restored from its bytes, consumed
 * items, the catalog from the published items, the arm's draws).
 */
class ServingLoopsParityTest {
    /** Exploration high enough that draws matter; collaborative models retrained as the log goes on. */
    private static final Map<String, Object> LOOP = Map.of("name", "feed", "k", 3,
            "reward", Map.of("weights", Map.of("like", 1.0, "click", 0.1, "dislike", -1.0)),
            "collaborative", Map.of("retrain", Map.of("min_interactions", 40)),
            "exploration", Map.of("strategy", "epsilon-greedy", "epsilon", 0.3),
            "candidates", Map.of("consumed", List.of("like", "dislike")),
            "rollout", Map.of("salt", "s-1"));
    private static final FeatureCacheSettings NO_CACHE = new FeatureCacheSettings(Duration.ZERO, 100_000);

    private static List<LoopSpec> specs() {
        return List.of(LoopSpec.from(new ConfigTree("loops[0]", LOOP)));
    }

    @Test
    void aServersLoopsDecideAsTheTopologysPoliciesOnTheSameLog() {
        List<LogEntry> log = TopologyTestDriver.entries(LoopHistory.of(11, 900));
        Topology embedded = Topology.build(specs(), new Catalog(), null, true);
        TopologyServingState state = new TopologyServingState(embedded);
        ManualClock clock = new ManualClock(LoopHistory.START);
        ServingLoops server = ServingLoops.build(specs(), state, NO_CACHE, clock);
        int compared = 0;
        int explored = 0;
        int collaborative = 0;
        for (int from = 0; from < log.size(); from += 150) {
            List<LogEntry> chunk = log.subList(from, Math.min(log.size(), from + 150));
            apply(embedded, state, chunk);
            server.pollCatalog();
            clock.set(lastTime(chunk).plusSeconds(60));
            boolean sameKnown = server.catalog().knownCount() == embedded.catalog().knownCount();
            for (int u = 0; u < 12; u++) {
                // named candidates always; the whole catalog once the server knows the items the topology knows
                for (List<String> candidates : sameKnown ? java.util.Arrays.asList(named(), null) : List.of(named())) {
                    DecideRequest req = new DecideRequest("feed", "u" + u, null, candidates, 3, true, false);
                    Choice want = decide(embedded.policies().get("feed"), req, clock.instant());
                    Choice got = decide(server.policies().get("feed"), req, clock.instant());
                    if (want == null || got == null) {
                        assertEquals(refusal(embedded.policies().get("feed"), req, clock.instant()), refusal(server.policies().get("feed"), req, clock.instant()));
                        continue;
                    }
                    assertEquals(want.slate(), got.slate(), "user u" + u + " after entry " + (from + chunk.size()));
                    collaborative += (int) got.slate().slots().stream().filter(s -> s.features().get("item_to_item") > 0).count();
                    assertEquals(want.arm(), got.arm());
                    assertEquals(want.model(), got.model());
                    assertEquals(want.candidates(), got.candidates());
                    compared++;
                    if (want.slate().slots().stream().anyMatch(s -> s.propensity() < 0.5)) explored++;
                }
            }
        }
        assertTrue(embedded.loop("feed").model().ranker().trained() > 500, "the learner must have trained");
        assertTrue(compared > 150, "decisions compared: " + compared);
        assertTrue(explored > 10, "exploration must have drawn: " + explored);
        assertTrue(collaborative > 100, "slots scored with the published collaborative models: " + collaborative);
        assertEquals(log.size() - 1, server.serving("feed").seq());
    }

    @Test
    void theChampionFollowsThePublishedStateWithinTheTtl() {
        List<LogEntry> log = TopologyTestDriver.entries(LoopHistory.of(5, 300));
        Topology embedded = Topology.build(specs(), new Catalog(), null, true);
        TopologyServingState state = new TopologyServingState(embedded);
        ManualClock clock = new ManualClock(LoopHistory.START);
        ServingLoops server = ServingLoops.build(specs(), state, new FeatureCacheSettings(Duration.ofSeconds(1), 1000), clock);
        assertEquals(null, server.serving("feed"), "nothing published yet");
        apply(embedded, state, log.subList(0, 200));
        server.pollCatalog();
        assertEquals(null, server.serving("feed"), "the absence read at the start is served for the ttl");
        clock.advance(Duration.ofSeconds(1));
        long first = server.serving("feed").seq();
        assertEquals(199, first);
        apply(embedded, state, log.subList(200, log.size()));
        clock.advance(Duration.ofMillis(999));
        assertEquals(first, server.serving("feed").seq(), "within the ttl the state read is served");
        clock.advance(Duration.ofMillis(1));
        assertEquals(log.size() - 1, server.serving("feed").seq(), "after it the newest is read");
        assertNotEquals(first, server.serving("feed").seq());
    }

    @Test
    void aServersFeaturesRefuseUpdates() {
        Topology embedded = Topology.build(specs(), new Catalog(), null, true);
        TopologyServingState state = new TopologyServingState(embedded);
        var settings = specs().get(0).model().features();
        var features = new dev.flywheel.feature.ReadOnlyFeedbackFeatures(settings, i -> Map.of(),
                state.features("feed", settings.halfLife()));
        var e = assertThrows(UnsupportedOperationException.class, () -> features.forget("u1"));
        assertTrue(e.getMessage().contains("read-only"), e.getMessage());
        assertThrows(UnsupportedOperationException.class, () -> features.compact(Instant.EPOCH));
    }

    /** The choice, or null when the policy refuses the request (every candidate consumed). */
    private static Choice decide(dev.flywheel.loop.LoopPolicy p, DecideRequest req, Instant now) {
        try {
            return p.decide(req, now);
        } catch (dev.flywheel.event.InvalidRecordException e) {
            return null;
        }
    }

    private static String refusal(dev.flywheel.loop.LoopPolicy p, DecideRequest req, Instant now) {
        try {
            return "chose " + p.decide(req, now).slate();
        } catch (dev.flywheel.event.InvalidRecordException e) {
            return e.getMessage();
        }
    }

    private static void apply(Topology t, TopologyServingState state, List<LogEntry> entries) {
        for (LogEntry e : entries) {
            for (LogConsumer op : t.operators()) op.accept(e);
            state.accept(e);
        }
        t.operators().forEach(LogConsumer::flush);
    }

    private static Instant lastTime(List<LogEntry> chunk) {
        for (int i = chunk.size() - 1; i >= 0; i--) if (chunk.get(i).timestamp() != null) return chunk.get(i).timestamp();
        return LoopHistory.START;
    }

    private static List<String> named() {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < 30; i++) out.add("a" + i);
        return out;
    }
}
