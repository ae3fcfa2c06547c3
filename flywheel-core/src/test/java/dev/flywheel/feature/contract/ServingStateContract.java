package dev.flywheel.feature.contract;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flywheel.feature.FeatureStateChange;
import dev.flywheel.feature.FeatureStateStore;
import dev.flywheel.feature.ServingStateBatch;
import dev.flywheel.log.LogConsumer;
import dev.flywheel.log.LogEntry;
import dev.flywheel.model.CollaborativeLearner;
import dev.flywheel.model.CollaborativeModels;
import dev.flywheel.model.InteractionHistory;
import dev.flywheel.model.PublishedCollaborative;
import dev.flywheel.topology.LoopHistory;
import dev.flywheel.topology.LoopRuntime;
import dev.flywheel.topology.LoopStatus;
import dev.flywheel.topology.ServingState;
import dev.flywheel.topology.Topology;
import dev.flywheel.topology.TopologyTestDriver;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * What every store of the serving state must do: what a topology applied, drained chunk by chunk
 * as the Flink job drains it and written with {@link FeatureStateStore#publish}, reads back through
 * {@link ServingState} as the topology holds it — the learner state byte for byte as
 * {@code LoopModel.state()} gives it, each user's consumed items as the log says (computed here
 * from the entries), the newest collaborative models byte for byte and each user's latest
 * interactions as the log lists them, the catalog's entries in order with their seqs, the highest offsets — and a
 * publication again of older states or offsets moves nothing back.
 */
public abstract class ServingStateContract {
    private static final String LOOP = "feed";
    private static final Map<String, Object> LOOP_SECTION = Map.of("name", LOOP, "reward",
            Map.of("weights", Map.of("like", 1.0, "click", 0.1, "dislike", -1.0)),
            "collaborative", Map.of("retrain", Map.of("min_interactions", 40)));
    private static final int CHUNK = 97;

    /** The write side and the read side of one store, empty. */
    protected interface Subject {
        FeatureStateStore writer();

        ServingState reader();
    }

    protected abstract Subject open();

    /** A topology that tracks its changes, fed the log chunk by chunk, each chunk drained into a batch. */
    private static final class Publisher {
        final Topology topology = TopologyTestDriver.of(List.of(LOOP_SECTION)).topology();
        final List<ServingStateBatch> batches = new ArrayList<>();
        /** The position of the chunk after which the newest models were drained. */
        long trainedAt = -1;

        Publisher(List<LogEntry> log) {
            LoopRuntime loop = topology.loop(LOOP);
            loop.features().trackChanges();
            loop.consumed().trackChanges();
            CollaborativeLearner learner = loop.model().collaborative();
            learner.trackChanges();
            CollaborativeModels published = null;
            for (int from = 0; from < log.size(); from += CHUNK) {
                List<LogEntry> chunk = log.subList(from, Math.min(log.size(), from + CHUNK));
                for (LogEntry e : chunk) for (LogConsumer op : topology.operators()) op.accept(e);
                topology.operators().forEach(LogConsumer::flush);
                long seq = chunk.get(chunk.size() - 1).seq();
                List<FeatureStateChange> features = loop.features().drainChanges(LOOP, seq, false);
                List<LogEntry.ItemEntry> items = chunk.stream().filter(e -> e instanceof LogEntry.ItemEntry)
                        .map(e -> (LogEntry.ItemEntry) e).toList();
                // two partitions whose offsets grow with the chunks
                Map<Integer, Long> offsets = Map.of(0, seq, 3, seq / 2 + 1_000);
                List<ServingStateBatch.Model> collaborative = new ArrayList<>();
                if (learner.models() != published) {
                    published = learner.models();
                    trainedAt = seq;
                    collaborative.add(new ServingStateBatch.Model(LOOP, seq, false, learner.publish(published)));
                }
                List<ServingStateBatch.PerUser> histories = new ArrayList<>();
                learner.drainChanges().forEach((user, h) -> histories.add(new ServingStateBatch.PerUser(LOOP, user, seq, false, h.toBytes())));
                batches.add(new ServingStateBatch(features, List.of(new ServingStateBatch.Model(LOOP, seq, false, loop.model().state().get())),
                        loop.consumed().drainChanges(seq, false), items, offsets, collaborative, histories,
                        List.of(new ServingStateBatch.Model(LOOP, seq, false, topology.status().get(0).toBytes()))));
            }
        }
    }

    private static List<LogEntry> log() {
        return TopologyTestDriver.entries(LoopHistory.of(21, 300));
    }

    @Test
    void whatTheTopologyAppliedReadsBackAsItHoldsIt() {
        List<LogEntry> log = log();
        Publisher p = new Publisher(log);
        Subject s = open();
        p.batches.forEach(s.writer()::publish);
        ServingState read = s.reader();
        long last = log.get(log.size() - 1).seq();
        ServingState.Published model = read.model(LOOP);
        assertEquals(last, model.seq());
        assertArrayEquals(p.topology.loop(LOOP).model().state().get(), model.bytes(), "the learner state, byte for byte");
        assertTrue(model.bytes().length > 100, "a trained ranker: " + model.bytes().length + " bytes");
        Set<String> types = p.topology.loop(LOOP).spec().candidates().consumed();
        for (int u = 0; u <= 12; u++) {
            String user = "u" + u;
            Map<String, Instant> expected = consumed(log, user, types);
            assertEquals(expected, read.consumed(LOOP, user), user);
            assertEquals(expected.keySet(), p.topology.loop(LOOP).consumed().consumedBy(user, Instant.MAX), user + " in the topology");
        }
        assertTrue(!read.consumed(LOOP, "u1").isEmpty(), "u1 consumed something");
        List<LogEntry.ItemEntry> items = log.stream().filter(e -> e instanceof LogEntry.ItemEntry).map(e -> (LogEntry.ItemEntry) e).toList();
        assertEquals(32, items.size());
        assertEquals(items, read.items(-1, 1_000), "every catalog entry in order, with its seq");
        assertEquals(items.subList(5, 15), read.items(items.get(4).seq(), 10), "a page after a seq");
        assertEquals(Map.of(0, last, 3, last / 2 + 1_000), read.applied());
        assertEquals(((dev.flywheel.feature.InMemoryFeedbackFeatures) p.topology.loop(LOOP).features()).source().global().newest(), read.features(LOOP, java.time.Duration.ofDays(30))
                .global().newest(), "the feature states are published with the rest");
        assertCollaborativeAsTheLearnerHoldsIt(p, log, read);
    }

    /** The newest models byte for byte, and each user's interactions as the log lists them. */
    private static void assertCollaborativeAsTheLearnerHoldsIt(Publisher p, List<LogEntry> log, ServingState read) {
        CollaborativeLearner learner = p.topology.loop(LOOP).model().collaborative();
        assertTrue(learner.trainings() >= 2, "the models were retrained during the log: " + learner.trainings());
        ServingState.Published models = read.collaborative(LOOP);
        assertEquals(p.trainedAt, models.seq());
        assertArrayEquals(learner.publish(learner.models()), models.bytes(), "the newest models, byte for byte");
        assertEquals(learner.models().items(), PublishedCollaborative.fromBytes(models.bytes()).items());
        LoopStatus status = LoopStatus.fromBytes(read.status(LOOP).bytes());
        assertEquals(p.topology.status().get(0), status, "the loop's learners as the topology reports them");
        assertEquals(learner.interactions(), status.interactions());
        for (int u = 0; u <= 12; u++) {
            String user = "u" + u;
            InteractionHistory h = read.history(LOOP, user);
            assertEquals(interacted(log, user), h.items(), user + "'s interactions, in order");
            assertArrayEquals(learner.history(user).toBytes(), h.toBytes(), user + " as the learner holds it");
        }
    }

    @Test
    void publishingOlderStatesAgainMovesNothingBack() {
        List<LogEntry> log = log();
        Publisher p = new Publisher(log);
        Subject s = open();
        int half = p.batches.size() / 2;
        p.batches.forEach(s.writer()::publish);
        // a job restored from a checkpoint at the half publishes the second half again
        p.batches.subList(half, p.batches.size()).forEach(s.writer()::publish);
        s.writer().publish(p.batches.get(1));
        ServingState read = s.reader();
        long last = log.get(log.size() - 1).seq();
        assertEquals(last, read.model(LOOP).seq());
        assertArrayEquals(p.topology.loop(LOOP).model().state().get(), read.model(LOOP).bytes());
        Set<String> types = p.topology.loop(LOOP).spec().candidates().consumed();
        for (int u = 0; u <= 12; u++) assertEquals(consumed(log, "u" + u, types), read.consumed(LOOP, "u" + u), "u" + u);
        assertEquals(32, read.items(-1, 1_000).size(), "each catalog entry once");
        assertEquals(Map.of(0, last, 3, last / 2 + 1_000), read.applied(), "offsets only go up");
        assertCollaborativeAsTheLearnerHoldsIt(p, log, read);
    }

    @Test
    void beforeAnyPublicationThereIsNothing() {
        ServingState read = open().reader();
        assertNull(read.model(LOOP));
        assertNull(read.collaborative(LOOP));
        assertNull(read.status(LOOP));
        assertEquals(0, read.history(LOOP, "u1").size());
        assertEquals(Map.of(), read.consumed(LOOP, "u1"));
        assertEquals(List.of(), read.items(-1, 10));
        assertEquals(Map.of(), read.applied());
    }

    /** The items of {@code user}'s events the collaborative models learn from (positive weight), in log order. */
    private static List<String> interacted(List<LogEntry> log, String user) {
        List<String> out = new ArrayList<>();
        for (LogEntry e : log) {
            if (e instanceof LogEntry.EventEntry x && x.event().user().equals(user) && x.event().item() != null
                    && Set.of("like", "click").contains(x.event().type()) && (x.event().loop() == null || x.event().loop().equals(LOOP))) {
                out.add(x.event().item());
            }
        }
        return out;
    }

    /** What {@code user} consumed in the loop, by the log alone: each item of a consumption type at its earliest time. */
    private static Map<String, Instant> consumed(List<LogEntry> log, String user, Set<String> types) {
        Map<String, Instant> out = new TreeMap<>();
        for (LogEntry e : log) {
            if (e instanceof LogEntry.EventEntry x && x.event().user().equals(user) && x.event().item() != null
                    && types.contains(x.event().type()) && (x.event().loop() == null || x.event().loop().equals(LOOP))) {
                out.merge(x.event().item(), x.event().timestamp(), (a, b) -> a.isBefore(b) ? a : b);
            }
        }
        return out;
    }
}
