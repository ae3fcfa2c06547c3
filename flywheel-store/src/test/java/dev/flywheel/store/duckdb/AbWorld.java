package dev.flywheel.store.duckdb;

import dev.flywheel.catalog.Catalog;
import dev.flywheel.config.ConfigTree;
import dev.flywheel.decision.Decision;
import dev.flywheel.decision.ServedItem;
import dev.flywheel.event.Event;
import dev.flywheel.log.LogConsumer;
import dev.flywheel.log.LogEntry;
import dev.flywheel.loop.LoopSpec;
import dev.flywheel.outcome.OutcomeSink;
import dev.flywheel.topology.Topology;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * A seeded A/B world in loop {@code feed}: users split into control/treatment, like rates 0.10/0.13
 * per impression, purchases with values; plus noise the store query must ignore (a loop {@code other},
 * users exposed to both arms). It keeps, per clean user, the metrics computed directly in Java.
 */
final class AbWorld {
    static final String LOOP = "feed";
    final List<LogEntry> entries = new ArrayList<>();
    /** user -> {exposures, impressions, likes, purchase value sum}, users of one arm only. */
    final Map<String, double[]> truth = new HashMap<>();
    final Map<String, String> arm = new HashMap<>();
    final int mixed;
    long servedRows;
    long likedRows;
    private final SplittableRandom random;
    private final Instant t0 = Instant.parse("2026-11-01T00:00:00Z");
    private long seq;

    AbWorld(long seed, int users, int mixedUsers) {
        random = new SplittableRandom(seed);
        for (int u = 0; u < users; u++) {
            String user = "u" + u;
            String a = random.nextDouble() < 0.5 ? "control" : "treatment";
            arm.put(user, a);
            double[] m = new double[4];
            int decisions = 1 + random.nextInt(4);
            for (int d = 0; d < decisions; d++) decide(user, LOOP, a, m);
            decide(user, "other", a, new double[4]); // another loop: must not count
            truth.put(user, m);
        }
        for (int u = 0; u < mixedUsers; u++) {
            decide("mixed" + u, LOOP, "control", new double[4]);
            decide("mixed" + u, LOOP, "treatment", new double[4]);
        }
        mixed = mixedUsers;
    }

    private void decide(String user, String loop, String a, double[] m) {
        String id = "d" + seq;
        double likeRate = a.equals("control") ? 0.10 : 0.13;
        List<ServedItem> items = new ArrayList<>();
        List<String> shown = new ArrayList<>();
        for (int p = 1; p <= 3; p++) {
            String item = "i" + (random.nextInt(10) * 3 + p); // distinct per position
            items.add(new ServedItem(item, p, random.nextDouble(), 0.1));
            shown.add(item);
        }
        entries.add(new LogEntry.DecisionEntry(seq++, 0, new Decision(id, loop, user, t0.plusSeconds(seq), "m1", a,
                items, List.of(), null)));
        m[0]++;
        for (String item : shown) {
            event("impression", user, id, loop, item, null);
            m[1]++;
            boolean liked = random.nextDouble() < likeRate;
            if (liked) {
                event("like", user, id, loop, item, null);
                m[2]++;
            }
            if (loop.equals(LOOP) && !user.startsWith("mixed")) {
                servedRows++;
                likedRows += liked ? 1 : 0;
            }
        }
        if (random.nextDouble() < 0.05) {
            double value = Math.round(random.nextDouble() * 10_000) / 100.0;
            event("purchase", user, id, loop, null, value);
            m[3] += value;
        }
    }

    private void event(String type, String user, String decision, String loop, String item, Double value) {
        entries.add(new LogEntry.EventEntry(seq, 0, new Event("e" + seq, type, t0.plusSeconds(seq), user, null,
                decision, loop, item, value, null)));
        seq++;
    }

    void fill(DuckDbRecordStore store) {
        for (int from = 0; from < entries.size(); from += 10_000) {
            store.apply(entries.subList(from, Math.min(entries.size(), from + 10_000)));
        }
    }

    /**
     * Runs the entries through the engine's topology (loops {@code feed} and {@code other}, decided
     * by the product, a like worth 1) into the store's outcome table, and closes every window.
     */
    void fillOutcomes(DuckDbRecordStore store) {
        Map<String, Object> reward = Map.of("weights", Map.of("like", 1));
        List<LoopSpec> loops = List.of(
                LoopSpec.from(new ConfigTree("loops[0]", Map.of("name", LOOP, "model", "external", "reward", reward))),
                LoopSpec.from(new ConfigTree("loops[1]", Map.of("name", "other", "model", "external", "reward", reward))));
        OutcomeSink sink = new OutcomeSink(new DuckDbOutcomeStore(store), new DuckDbUnjoinedStore(store));
        Topology topology = Topology.build(loops, new Catalog(), sink);
        for (LogEntry e : entries) topology.operators().forEach(op -> op.accept(e));
        topology.advanceTo(Instant.parse("9999-01-01T00:00:00Z"));
        topology.operators().forEach(LogConsumer::flush);
    }
}
