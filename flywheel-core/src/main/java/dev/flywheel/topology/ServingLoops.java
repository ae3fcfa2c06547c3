package dev.flywheel.topology;

import dev.flywheel.catalog.Catalog;
import dev.flywheel.catalog.CatalogFeed;
import dev.flywheel.feature.CachedFeatureStates;
import dev.flywheel.feature.FeatureCacheSettings;
import dev.flywheel.feature.FeatureSettings;
import dev.flywheel.feature.ReadOnlyFeedbackFeatures;
import dev.flywheel.loop.ExternalPolicy;
import dev.flywheel.loop.LoopPolicy;
import dev.flywheel.loop.LoopSpec;
import dev.flywheel.model.LoopModel;
import dev.flywheel.model.ModelContext;
import dev.flywheel.model.ModelVersion;
import dev.flywheel.rollout.RolloutPolicy;
import dev.flywheel.rollout.ServedLoop;
import dev.flywheel.rollout.ServingPlan;
import dev.flywheel.topology.internal.CachedCollaborative;
import dev.flywheel.topology.internal.CachedConsumed;
import dev.flywheel.topology.internal.CatalogPoll;
import dev.flywheel.topology.internal.PublishedScorer;
import dev.flywheel.topology.internal.PublishedValue;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A server's loops in the distributed shape: the configuration's loops, the same model families and
 * the same {@link RolloutPolicy}, over state the stream operators publish ({@link ServingState})
 * instead of operators of its own. Per loop:
 * <ul>
 *   <li>features: {@link ReadOnlyFeedbackFeatures} over {@link CachedFeatureStates} of the port's
 *       feature state (a key is at most {@code feature_cache.ttl} older than its publication);</li>
 *   <li>the champion: the newest published learner state through {@code LoopModel.restore}, checked
 *       at most once per {@code feature_cache.ttl} ({@link PublishedScorer});</li>
 *   <li>the collaborative inputs: the newest published models and each user's latest interactions,
 *       cached for the same ttl ({@link CachedCollaborative}); signals are computed from them as the
 *       learner computes its own;</li>
 *   <li>consumed items: through the port, each user's cached for the same ttl;</li>
 *   <li>the catalog: the published items in the stream's order, polled ({@link #pollCatalog}).</li>
 * </ul>
 * Users are assigned to arms by the rollout's salted hash, so every server agrees; each arm draws
 * from its own seeded generator in this server's decision order, as the embedded policy does.
 *
 * <p>What a server does not have: the items only seen in feedback (the port publishes posted items).
 */
public final class ServingLoops implements AutoCloseable {
    private final Catalog catalog;
    private final CatalogPoll catalogPoll;
    private final Map<String, LoopPolicy> policies;
    private final List<ServedLoop> served;
    private final Map<String, PublishedScorer> scorers;
    private final Map<String, PublishedValue<LoopStatus>> status;
    private ScheduledExecutorService poller;

    private ServingLoops(Catalog catalog, CatalogPoll poll, Map<String, LoopPolicy> policies, List<ServedLoop> served,
                         Map<String, PublishedScorer> scorers, Map<String, PublishedValue<LoopStatus>> status) {
        this.catalog = catalog;
        this.catalogPoll = poll;
        this.policies = policies;
        this.served = served;
        this.scorers = scorers;
        this.status = status;
    }

    /** Builds every configured loop over {@code state}; the catalog is empty until the first {@link #pollCatalog}. */
    public static ServingLoops build(List<LoopSpec> specs, ServingState state, FeatureCacheSettings cache, Clock clock) {
        Catalog catalog = new Catalog();
        Map<String, LoopPolicy> policies = new LinkedHashMap<>();
        List<ServedLoop> served = new ArrayList<>();
        Map<String, PublishedScorer> scorers = new LinkedHashMap<>();
        Map<String, PublishedValue<LoopStatus>> status = new LinkedHashMap<>();
        for (LoopSpec spec : specs) {
            String name = spec.name();
            status.put(name, new PublishedValue<>("loop " + name + ": the published learner status", () -> state.status(name),
                    LoopStatus::fromBytes, new LoopStatus(name, 0, 0, null, null, null, false), clock, cache.ttl()));
            FeatureSettings settings = spec.model().features();
            var source = new CachedFeatureStates(state.features(spec.name(), settings.halfLife()), cache, clock);
            var features = new ReadOnlyFeedbackFeatures(settings,
                    item -> catalog.get(item).map(e -> e.vector().asMap()).orElse(Map.of()), source);
            var collaborative = new CachedCollaborative(spec.name(), state, cache, clock);
            LoopModel built = spec.model().build(new ModelContext(spec, catalog, features, false).withPublished(collaborative));
            if (!built.serves()) {
                policies.put(spec.name(), new ExternalPolicy(spec.name()));
                continue;
            }
            String loop = spec.name();
            PublishedScorer scorer = new PublishedScorer(loop, () -> state.model(loop), built.restore(),
                    built.champion().scorer(), clock, cache.ttl());
            ModelVersion champion = new ModelVersion(built.champion().name(), scorer, built.champion().sampler(), built.champion().seed());
            // the built ranker never trains here: an online retrained version starts from its snapshot and learns nothing on a server
            LoopModel model = new LoopModel(champion, List.of(), List.of(), built.ranker(), null, () -> published(scorer), built.restore());
            var consumed = new CachedConsumed(user -> state.consumed(loop, user), cache.ttl(), cache.maxEntries(), clock);
            RolloutPolicy policy = new RolloutPolicy(loop, spec.rollout().salt(), spec.candidates(), catalog, consumed,
                    ServingPlan.only(champion));
            policies.put(loop, policy);
            served.add(new ServedLoop(loop, spec.model(), model, policy, spec.rollout()));
            scorers.put(loop, scorer);
        }
        return new ServingLoops(catalog, new CatalogPoll(state, new CatalogFeed(catalog)), policies, served, scorers, status);
    }

    /** The bytes of the state a loop serves now (a version frozen from it keeps them); empty before the first. */
    private static byte[] published(PublishedScorer scorer) {
        ServingState.Published p = scorer.serving();
        return p == null ? new byte[0] : p.bytes();
    }

    /**
     * Each configured loop's learners as the stream operators last published them (what they trained
     * on, where the collaborative models end), at most {@code feature_cache.ttl} old; zeros before the
     * first publication.
     */
    public List<LoopStatus> status() {
        return status.values().stream().map(v -> v.current().value()).toList();
    }

    /** Each configured loop's policy, by loop name. */
    public Map<String, LoopPolicy> policies() {
        return policies;
    }

    /** The loops a lifecycle manages (those with a model), as {@code ModelLifecycle} takes them. */
    public List<ServedLoop> served() {
        return served;
    }

    public Catalog catalog() {
        return catalog;
    }

    /** The learner state {@code loop}'s champion serves now, or null before the first publication. */
    public ServingState.Published serving(String loop) {
        PublishedScorer s = scorers.get(loop);
        if (s == null) throw new IllegalArgumentException("no served loop named " + loop);
        return s.serving();
    }

    /** Takes the items published since the last poll into the catalog; returns how many. */
    public int pollCatalog() {
        return catalogPoll.poll();
    }

    /**
     * Polls the catalog every {@code every} on a thread of its own: an item is offered at most
     * {@code every} (plus a poll's time) after the operators applied it.
     */
    public synchronized void start(Duration every) {
        if (poller != null) throw new IllegalStateException("already polling");
        poller = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "flywheel-catalog-poll");
            t.setDaemon(true);
            return t;
        });
        poller.scheduleWithFixedDelay(this::pollQuietly, 0, every.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void pollQuietly() {
        try {
            pollCatalog();
        } catch (RuntimeException e) {
            // the store may be away for a moment; the next poll resumes from the same position
            System.getLogger(ServingLoops.class.getName()).log(System.Logger.Level.WARNING, "catalog poll failed: " + e.getMessage());
        }
    }

    @Override
    public synchronized void close() {
        if (poller != null) poller.shutdownNow();
        poller = null;
    }
}
