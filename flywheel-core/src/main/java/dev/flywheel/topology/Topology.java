package dev.flywheel.topology;

import dev.flywheel.catalog.Catalog;
import dev.flywheel.catalog.CatalogFeed;
import dev.flywheel.feature.ConsumedItems;
import dev.flywheel.feature.FeatureFeed;
import dev.flywheel.feature.FeatureLog;
import dev.flywheel.feature.FeatureRecorder;
import dev.flywheel.feature.FeedbackFeatures;
import dev.flywheel.feature.InMemoryFeedbackFeatures;
import dev.flywheel.log.LogConsumer;
import dev.flywheel.loop.ExternalPolicy;
import dev.flywheel.loop.LoopPolicy;
import dev.flywheel.loop.LoopSpec;
import dev.flywheel.loop.RewardSpec;
import dev.flywheel.model.LoopModel;
import dev.flywheel.model.ModelContext;
import dev.flywheel.outcome.JoinCounters;
import dev.flywheel.outcome.Outcome;
import dev.flywheel.outcome.OutcomeFeed;
import dev.flywheel.outcome.OutcomeSink;
import dev.flywheel.quality.AlertBoard;
import dev.flywheel.quality.EventSuite;
import dev.flywheel.quality.Exclusions;
import dev.flywheel.quality.SuiteWindows;
import dev.flywheel.quality.LoopMonitors;
import dev.flywheel.quality.QualitySpec;
import dev.flywheel.rollout.ServingPlan;
import dev.flywheel.rollout.RolloutPolicy;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The one order of the stream operators, built from the loops of the configuration. The engine's
 * runner, a frozen learner's replay, the tests' driver and (later) the Flink job all run this list,
 * so they compute the same state from the same log.
 *
 * <p>Per entry, in order: the catalog (items before the decisions that show them, and the ids that
 * feedback names); the unknown-loop counter; the reward join, which hands closed outcomes to the sink
 * and to every loop's monitors, learners and features; then per loop its monitors (they judge a
 * window, and flag whom the learners leave out, before the learners see the entry that ended it), its
 * learners (they record what a decision was made with before the features absorb it), its features
 * and its consumed items; the expectation suites' windows; the sink last, to write what the chunk
 * produced.
 */
public final class Topology implements AutoCloseable {
    private final Catalog catalog;
    private final UnknownLoops unknownLoops;
    private final OutcomeFeed join;
    private final Map<String, LoopRuntime> loops;
    private final List<LogConsumer> operators;
    private final AlertBoard alerts;

    private Topology(Catalog catalog, UnknownLoops unknownLoops, OutcomeFeed join, Map<String, LoopRuntime> loops,
                     List<LogConsumer> operators, AlertBoard alerts) {
        this.alerts = alerts;
        this.catalog = catalog;
        this.unknownLoops = unknownLoops;
        this.join = join;
        this.loops = loops;
        this.operators = List.copyOf(operators);
    }

    /** The engine's topology: batch models train beside the stream. */
    public static Topology build(List<LoopSpec> specs, Catalog catalog, OutcomeSink sink) {
        return build(specs, catalog, sink, false);
    }

    /**
     * @param sink   where outcomes and unjoined feedback are written; null when nothing is kept (a
     *               replay that only trains a model)
     * @param replay batch models train in line with the entries, so a replay computes the same state
     *               every time (an evaluation, a frozen learner, a test)
     */
    public static Topology build(List<LoopSpec> specs, Catalog catalog, OutcomeSink sink, boolean replay) {
        return build(specs, catalog, sink, replay, null);
    }

    /**
     * @param featureLog where the features of served items are kept as of their decisions; null when
     *                   nothing is kept
     */
    public static Topology build(List<LoopSpec> specs, Catalog catalog, OutcomeSink sink, boolean replay,
                                 FeatureLog featureLog) {
        return build(specs, catalog, sink, replay, featureLog, List.of());
    }

    /** @param suites expectation suites whose windows are judged on the stream (their alerts join the loops') */
    public static Topology build(List<LoopSpec> specs, Catalog catalog, OutcomeSink sink, boolean replay,
                                 FeatureLog featureLog, List<EventSuite> suites) {
        FeatureRecorder recorder = featureLog == null ? null : new FeatureRecorder(featureLog);
        Map<String, LoopRuntime> loops = new LinkedHashMap<>();
        List<Consumer<Outcome>> listeners = new ArrayList<>();
        if (sink != null) listeners.add(sink);
        List<LogConsumer> perLoop = new ArrayList<>();
        Map<String, RewardSpec> rewards = new LinkedHashMap<>();
        AlertBoard alerts = new AlertBoard();
        for (LoopSpec spec : specs) {
            LoopRuntime loop = loop(spec, catalog, listeners, perLoop, replay, recorder, alerts);
            loops.put(spec.name(), loop);
            rewards.put(spec.name(), spec.reward());
        }
        UnknownLoops unknown = new UnknownLoops(loops.keySet());
        OutcomeFeed join = new OutcomeFeed(rewards, listeners, sink == null ? u -> { } : sink::unjoined);
        List<LogConsumer> ops = new ArrayList<>(List.of(new CatalogFeed(catalog), unknown, join));
        ops.addAll(perLoop);
        Map<String, Integer> suiteNames = new HashMap<>();
        for (EventSuite s : suites) {
            // suites named alike are numbered in the configuration's order: checkpoint names stay unique
            if (SuiteWindows.needed(s)) ops.add(new SuiteWindows(s, alerts, suiteNames.merge(SuiteWindows.baseName(s), 1, Integer::sum)));
        }
        if (sink != null) ops.add(sink);
        if (recorder != null) ops.add(recorder);
        return new Topology(catalog, unknown, join, loops, ops, alerts);
    }

    private static LoopRuntime loop(LoopSpec spec, Catalog catalog, List<Consumer<Outcome>> listeners,
                                    List<LogConsumer> operators, boolean replay, FeatureRecorder recorder,
                                    AlertBoard alerts) {
        var settings = spec.model().features();
        Exclusions excluded = new Exclusions();
        // the monitors judge a window before the learners see the entry that ended it, so a replay
        // excludes a flagged user from the same entry on
        LoopMonitors monitors = spec.quality().enabled()
                ? new LoopMonitors(spec.name(), spec.quality(), spec.reward().window(), alerts, excluded) : null;
        if (monitors != null) {
            listeners.add(monitors);
            operators.add(monitors);
        }
        FeedbackFeatures features = new InMemoryFeedbackFeatures(settings,
                item -> catalog.get(item).map(e -> e.vector().asMap()).orElse(Map.of()));
        FeatureFeed feed = new FeatureFeed(spec.name(), features, spec.reward().window(), excluded);
        ConsumedItems consumed = new ConsumedItems(spec.name(), spec.candidates().consumed());
        LoopModel model = spec.model().build(new ModelContext(spec, catalog, features, replay, recorder, excluded));
        // a named user's past feedback is forgotten at the entry that named them (the monitors run
        // before the features and learners see it), so a replay forgets at the same position
        excluded.onNewUsers(named -> named.forEach(features::forget));
        if (model.collaborative() != null) excluded.onNewUsers(model.collaborative()::forget);
        listeners.addAll(model.outcomeListeners());
        listeners.add(feed::onOutcome);
        operators.addAll(model.learners());
        operators.add(feed);
        operators.add(consumed);
        LoopPolicy policy = model.serves()
                ? new RolloutPolicy(spec.name(), spec.rollout().salt(), spec.candidates(), catalog, consumed, ServingPlan.only(model.champion()))
                : new ExternalPolicy(spec.name());
        return new LoopRuntime(spec, features, consumed, model, policy, monitors, excluded);
    }

    /**
     * Tells the topology that event time has reached {@code watermark}: every window that ended by
     * then closes and its outcomes reach the learners and the sink. Call it on the runner's thread,
     * between entries; {@code flush} the operators after it.
     */
    public void advanceTo(java.time.Instant watermark) {
        join.advanceWatermark(watermark);
    }

    /** The input paused: the operators' idle work (close open windows, train on what came), then flush. */
    public void idle() {
        operators.forEach(LogConsumer::idle);
        operators.forEach(LogConsumer::flush);
    }

    /** The operators in the order every runner must apply them to each entry. */
    public List<LogConsumer> operators() {
        return operators;
    }

    /**
     * What a checkpoint of the stream keeps: the operators, and the alert board they share (alerts
     * are raised on the runner's thread and are part of the state the log derives).
     */
    public List<Object> stateHolders() {
        List<Object> out = new ArrayList<>(operators);
        out.add(alerts);
        return out;
    }

    /** Each configured loop's policy, by loop name. */
    public Map<String, LoopPolicy> policies() {
        Map<String, LoopPolicy> out = new LinkedHashMap<>();
        loops.forEach((name, loop) -> out.put(name, loop.policy()));
        return out;
    }

    public Map<String, LoopRuntime> loops() {
        return loops;
    }

    public LoopRuntime loop(String name) {
        LoopRuntime l = loops.get(name);
        if (l == null) throw new IllegalArgumentException("no loop named " + name);
        return l;
    }

    public Catalog catalog() {
        return catalog;
    }

    /** The loops whose monitors are on and whose {@code quality.actions} include {@code action}. */
    public java.util.Set<String> acting(QualitySpec.Action action) {
        java.util.Set<String> out = new java.util.TreeSet<>();
        loops.forEach((name, loop) -> {
            if (loop.spec().quality().acts(action)) out.add(name);
        });
        return out;
    }

    /** What the loops' monitors raised so far. */
    public AlertBoard alerts() {
        return alerts;
    }

    public JoinCounters joinCounters() {
        return join.counters();
    }

    /** Stops what runs beside the stream (batch trainings). */
    @Override
    public void close() {
        loops.values().forEach(l -> {
            if (l.model().collaborative() != null) l.model().collaborative().close();
        });
    }

    /** Ids and waiting events the reward join holds beyond open decisions. */
    public long joinRemembered() {
        return join.remembered();
    }

    /** Each loop's learners: what they trained on and where their batch models end. */
    public java.util.List<LoopStatus> status() {
        java.util.List<LoopStatus> out = new ArrayList<>();
        loops.forEach((name, loop) -> out.add(status(name, loop.model())));
        return out;
    }

    /** One loop's learners, as {@link #status()} lists them; null for a loop not configured. */
    public LoopStatus status(String name) {
        LoopRuntime loop = loops.get(name);
        return loop == null ? null : status(name, loop.model());
    }

    private static LoopStatus status(String name, LoopModel model) {
        long trained = model.ranker() == null ? 0 : model.ranker().trained();
        var collab = model.collaborative();
        var m = collab == null ? null : collab.models();
        long interactions = collab == null ? 0 : collab.interactions();
        return new LoopStatus(name, trained, interactions, m == null ? null : collab.trainedThrough(), m == null ? null : m.trainedUntil(),
                m == null ? null : m.took(), collab != null && collab.training());
    }

    /** Events and decisions per loop name that the configuration does not declare. */
    public Map<String, Long> unknownLoops() {
        return unknownLoops.counts();
    }
}
