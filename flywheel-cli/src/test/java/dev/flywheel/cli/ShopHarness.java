package dev.flywheel.cli;

import dev.flywheel.catalog.Catalog;
import dev.flywheel.catalog.Item;
import dev.flywheel.config.FlywheelConfig;
import dev.flywheel.decision.Decision;
import dev.flywheel.event.Event;
import dev.flywheel.log.LogConsumer;
import dev.flywheel.log.LogEntry;
import dev.flywheel.loop.Choice;
import dev.flywheel.loop.DecideRequest;
import dev.flywheel.loop.Slate;
import dev.flywheel.outcome.OutcomeSink;
import dev.flywheel.rollout.Autopilot;
import dev.flywheel.rollout.ModelLifecycle;
import dev.flywheel.rollout.RolloutPolicy;
import dev.flywheel.rollout.ServedLoop;
import dev.flywheel.sim.SimClock;
import dev.flywheel.sim.shop.DecideAnswer;
import dev.flywheel.sim.shop.Product;
import dev.flywheel.sim.shop.ServedTruth;
import dev.flywheel.sim.shop.ShopConfig;
import dev.flywheel.sim.shop.ShopSession;
import dev.flywheel.sim.shop.ShopWorld;
import dev.flywheel.store.duckdb.DuckDbFeatureLog;
import dev.flywheel.store.duckdb.DuckDbOutcomeStore;
import dev.flywheel.store.duckdb.DuckDbRecordStore;
import dev.flywheel.store.duckdb.DuckDbRolloutData;
import dev.flywheel.store.duckdb.DuckDbSnapshotStore;
import dev.flywheel.store.duckdb.DuckDbUnjoinedStore;
import dev.flywheel.store.file.FileAuditLog;
import dev.flywheel.store.file.FileModelStore;
import dev.flywheel.topology.Topology;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The shop world against the engine's parts in one thread, without HTTP or the durable log: the
 * topology (join, features, learner), the store (DuckDB: decisions, outcomes, features, snapshots),
 * the registry (audit log and model states on files) and the autopilot, fed entry by entry. It
 * makes a hundred seeded runs affordable in a test; the demo runs the same parts behind the API.
 */
final class ShopHarness implements AutoCloseable {
    static final String LOOP = "shop";

    /**
     * The engine config of one shop loop as the tests run it (the learned ranker, slates of five,
     * purchases consumed, revenue as the reward), with {@code keys} added to the loop (its rollout,
     * its learner).
     */
    static Map<String, Object> config(Map<String, Object> keys) {
        Map<String, Object> loop = new java.util.LinkedHashMap<>(Map.of("name", LOOP, "model", "content-bandit", "k", 5,
                "window", "2m", "candidates", Map.of("consumed", List.of("purchase")),
                "reward", Map.of("value_weights", Map.of("purchase", 1.0))));
        loop.putAll(keys);
        return Map.of("loops", List.of(loop));
    }
    final ShopWorld world;
    final SimClock clock;
    final ModelLifecycle lifecycle;
    final Autopilot autopilot;
    final DuckDbRolloutData data;
    final ServedTruth truth = new ServedTruth();
    /** Per (period, champion) while champion and baseline differ: Σ [ER(champion's slate) − ER(baseline's slate)] and the sessions. */
    final Map<String, double[]> paired = new java.util.HashMap<>();
    private boolean pairing;
    private final DuckDbRecordStore store;
    private final FileAuditLog audit;
    private final DuckDbOutcomeStore outcomes;
    private final DuckDbUnjoinedStore unjoined;
    private final DuckDbFeatureLog features;
    private final Topology topology;
    private final RolloutPolicy policy;
    private final SplittableRandom rng;
    private final List<LogEntry> chunk = new ArrayList<>();
    private long seq;
    private int sessions;

    ShopHarness(Path dir, ShopConfig shop, Map<String, Object> config) {
        world = ShopWorld.generate(shop);
        clock = new SimClock(shop.start());
        rng = new SplittableRandom(shop.seed() * 31 + 7);
        FlywheelConfig cfg = FlywheelConfig.from(config);
        store = new DuckDbRecordStore(dir.resolve("store.duckdb"));
        outcomes = new DuckDbOutcomeStore(store);
        unjoined = new DuckDbUnjoinedStore(store);
        features = new DuckDbFeatureLog(store);
        topology = Topology.build(cfg.loops(), new Catalog(), new OutcomeSink(outcomes, unjoined), true, features);
        policy = (RolloutPolicy) topology.loop(LOOP).policy();
        var loop = topology.loop(LOOP);
        audit = new FileAuditLog(dir.resolve("audit.log"));
        DuckDbSnapshotStore snapshots = new DuckDbSnapshotStore(store, dir.resolve("snapshots"), clock);
        // entries are applied as they are added: the last one added is the learners' position
        lifecycle = new ModelLifecycle(audit, new FileModelStore(dir.resolve("models")), snapshots, () -> seq - 1, clock, "test",
                List.of(new ServedLoop(LOOP, loop.spec().model(), loop.model(), policy, loop.spec().rollout())));
        lifecycle.start();
        data = new DuckDbRolloutData(store);
        autopilot = new Autopilot(lifecycle, snapshots, data, clock);
        for (Product p : world.products()) {
            add(new Item(p.id(), p.title(), p.body(), List.of(p.category()), null, null));
        }
        flush();
    }

    /** Plays {@code n} sessions, flushing the store every 50. */
    void sessions(int n) {
        for (int i = 0; i < n; i++) {
            session();
            if (chunk.size() > 500) flush();
        }
        flush();
    }

    private void session() {
        Instant now = clock.instant().plus(world.config().spacing());
        clock.advanceTo(now);
        String shopper = world.nextVisitor(rng).id();
        DecideRequest req = new DecideRequest(LOOP, shopper, null, null, world.config().k(), false, true);
        Choice c = policy.decide(req, now);
        Decision d = c.decision("d" + sessions, req, now);
        add(d);
        List<String> slate = c.slate().items();
        double expected = world.expectedRevenue(shopper, slate);
        List<DecideAnswer.Slot> slots = new ArrayList<>();
        for (Slate.Slot s : c.slate().slots()) slots.add(new DecideAnswer.Slot(s.item(), s.score(), s.propensity()));
        ShopSession s = new ShopSession(sessions++, now, shopper, new DecideAnswer(d.id(), c.model(), c.arm(),
                c.armProbability(), c.period(), slots), expected, world.visit(shopper, slate, rng));
        truth.add(s);
        if (pairing) pair(shopper, now);
        for (Map<String, Object> e : s.events(LOOP, world.config().reactionWindow())) add(event(e));
    }

    /** Turns on the paired truth: every session also previews the champion and the baseline for its shopper. */
    void pairTruth() {
        pairing = true;
    }

    private void pair(String shopper, Instant now) {
        var plan = policy.plan();
        var st = plan.state();
        if (st.baseline() == null || st.baseline().equals(st.champion())) return;
        double champion = world.expectedRevenue(shopper, preview(shopper, st.champion(), now));
        double baseline = world.expectedRevenue(shopper, preview(shopper, st.baseline(), now));
        double[] t = paired.computeIfAbsent(st.champion(), k -> new double[2]);
        t[0] += champion - baseline;
        t[1]++;
    }

    private List<String> preview(String shopper, String version, Instant now) {
        return policy.decide(new DecideRequest(LOOP, shopper, null, null, world.config().k(), false, false, version), now).slate().items();
    }

    /** The paired truth of {@code version} against the baseline over the sessions it was champion. */
    double pairedVsHoldout(String version) {
        double[] t = paired.get(version);
        return t == null ? Double.NaN : t[0] / t[1];
    }

    private static Event event(Map<String, Object> e) {
        Object value = e.get("value");
        return new Event((String) e.get("id"), (String) e.get("type"), Instant.parse((String) e.get("timestamp")),
                (String) e.get("user"), null, (String) e.get("decision"), (String) e.get("loop"), (String) e.get("item"),
                value == null ? null : ((Number) value).doubleValue(), null);
    }

    private void add(Object record) {
        LogEntry entry = record instanceof Event e ? new LogEntry.EventEntry(seq++, 0, e)
                : record instanceof Decision d ? new LogEntry.DecisionEntry(seq++, 0, d)
                : new LogEntry.ItemEntry(seq++, 0, (Item) record);
        for (LogConsumer op : topology.operators()) op.accept(entry);
        chunk.add(entry);
    }

    /** The chunk's operators flush and the store applies it, as the runner and the materializer do. */
    void flush() {
        topology.operators().forEach(LogConsumer::flush);
        if (!chunk.isEmpty()) store.apply(List.copyOf(chunk));
        chunk.clear();
    }

    /** A query connection on the harness's store. */
    java.sql.Connection connect() throws java.sql.SQLException {
        return store.connect();
    }

    @Override
    public void close() {
        topology.close();
        audit.close();
        outcomes.close();
        unjoined.close();
        features.close();
        store.close();
    }
}
