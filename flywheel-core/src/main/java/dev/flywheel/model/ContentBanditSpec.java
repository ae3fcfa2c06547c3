package dev.flywheel.model;

import dev.flywheel.config.ConfigException;
import dev.flywheel.config.ConfigTree;
import dev.flywheel.event.EventType;
import dev.flywheel.feature.FeatureSettings;
import dev.flywheel.log.LogConsumer;
import dev.flywheel.loop.RewardSpec;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * {@code model: content-bandit}: the learned ranker. One online logistic model (FTRL) per rewarded
 * reaction over content, feedback and position features; a candidate's score is its expected reward;
 * exploration is the configured slate sampler, so every logged propensity is exact.
 *
 * <p>The defaults were chosen on the simulated article world (seeds 1-5 and 42): a long half-life
 * (profiles of a ten-day world should not forget), a fast learning rate and light regularisation
 * (few features, many outcomes), and 5 % exploration per slot.
 *
 * @param halfLife      how fast feedback counts and user profiles forget
 * @param priorStrength pseudo-impressions pulling an item's rates toward the global rates
 * @param roles         event type → the feature role it plays ({@code learner.roles}, e.g. a shop's
 *                      {@code like: [add_to_cart, purchase]}); see {@link FeatureSettings#roles}
 * @param sampler       the exploration, whose per-slot probabilities are logged as propensities
 * @param collaborative the item-to-item and factorisation models whose scores are inputs of the ranker
 * @param negatives     items drawn at random from the known items for every exposure without a
 *                      decision (a product's history), trained as not chosen: without them a
 *                      history of what users chose teaches only which chosen items they liked, not
 *                      what they choose
 */
public record ContentBanditSpec(RewardSpec reward, Duration halfLife, double priorStrength, Map<String, String> roles,
                                SlateSampler sampler, FtrlProximal.Params ftrl, int negatives, CollaborativeSpec collaborative,
                                long seed)
        implements ModelSpec {
    public static final String FAMILY = "content-bandit";
    public static final String VERSION = "content-bandit-1";

    public static ContentBanditSpec from(ConfigTree loop, RewardSpec reward) {
        ConfigTree learner = loop.section("learner");
        learner.only(Set.of("half_life", "prior_strength", "alpha", "beta", "l1", "l2", "negatives", "roles"));
        Duration halfLife = learner.duration("half_life", Duration.ofDays(30));
        if (halfLife.isZero() || halfLife.isNegative()) throw new ConfigException(learner.keyOf("half_life"), "must be positive");
        FtrlProximal.Params ftrl = new FtrlProximal.Params(learner.number("alpha", 1.0, 1e-6, 10),
                learner.number("beta", 1, 0, 100), learner.number("l1", 0, 0, 100), learner.number("l2", 0.1, 0, 100));
        return new ContentBanditSpec(reward, halfLife, learner.number("prior_strength", 20, 1e-3, 1e6), roles(learner.section("roles")),
                sampler(loop.section("exploration")), ftrl, learner.integer("negatives", 4, 0, 100),
                CollaborativeSpec.from(loop.section("collaborative"), reward), loop.longValue("seed", 1, Long.MIN_VALUE, Long.MAX_VALUE));
    }

    /** {@code roles: {like: [add_to_cart, purchase], click: [view]}}: per role, the event types that play it. */
    private static Map<String, String> roles(ConfigTree r) {
        r.only(FeatureSettings.ROLES);
        Map<String, String> out = new TreeMap<>();
        for (String role : r.keys()) {
            for (String type : r.strings(role)) {
                if (!EventType.validName(type)) throw new ConfigException(r.keyOf(role), "is not a list of event type names: " + type);
                if (out.put(type, role) != null) throw new ConfigException(r.keyOf(role), type + " plays two roles");
            }
        }
        return out;
    }

    private static SlateSampler sampler(ConfigTree e) {
        e.only(Set.of("strategy", "epsilon", "temperature"));
        String strategy = e.string("strategy", "epsilon-greedy");
        return switch (strategy) {
            case "epsilon-greedy" -> new SlateSampler.EpsilonGreedy(e.number("epsilon", 0.05, 0, 1));
            case "softmax" -> new SlateSampler.PlackettLuce(e.number("temperature", 0.05, 1e-6, 100));
            default -> throw new ConfigException(e.keyOf("strategy"), "must be epsilon-greedy or softmax, got " + strategy);
        };
    }

    @Override
    public String family() {
        return FAMILY;
    }

    @Override
    public List<String> featureNames() {
        return dev.flywheel.model.internal.RankingFeatures.NAMES;
    }

    @Override
    public Training train(List<TrainingRow> rows) {
        return RankerTraining.train(this, rows);
    }

    /** The ranker as {@link #train(List)} trains it, with collaborative models of its own (see {@link SnapshotCollaborative}). */
    @Override
    public Training train(List<TrainingRow> rows, TrainedFactors factors) {
        if (!collaborative.enabled()) throw new UnsupportedOperationException("the loop's collaborative models are off (collaborative.enabled: false)");
        return SnapshotCollaborative.train(collaborative, rows, factors, train(rows));
    }

    @Override
    public Map<String, String> params() {
        Map<String, String> p = new TreeMap<>();
        p.put("learner.half_life", halfLife.toString());
        p.put("learner.prior_strength", Double.toString(priorStrength));
        p.put("learner.alpha", Double.toString(ftrl.alpha()));
        p.put("learner.beta", Double.toString(ftrl.beta()));
        p.put("learner.l1", Double.toString(ftrl.l1()));
        p.put("learner.l2", Double.toString(ftrl.l2()));
        p.put("learner.negatives", Integer.toString(negatives));
        if (!roles.isEmpty()) p.put("learner.roles", roles.toString());
        p.put("exploration", sampler.toString());
        p.put("collaborative", collaborative.toString());
        p.put("reward", reward.weights().toString() + " ignore=" + reward.ignore());
        p.put("seed", Long.toString(seed));
        return p;
    }

    @Override
    public FeatureSettings features() {
        return new FeatureSettings(halfLife, priorStrength, roles, reward.valueWeights().keySet());
    }

    @Override
    public LoopModel build(ModelContext context) {
        CollaborativeReads reads = collaborative.enabled() ? context.published() : null;
        CollaborativeLearner collab = collaborative.enabled() && reads == null
                ? new CollaborativeLearner(context.loop().name(), collaborative, context.replay(), context.excluded()) : null;
        // on a server the learner runs in the stream operators: its published models and histories are read
        ServedCollaborative served = reads == null ? null : new ServedCollaborative(reads, collaborative, reads.maxUsers());
        CollaborativeSource source = served != null ? served : collab;
        UserHistories histories = served != null ? served : collab;
        RankingInputs inputs = new RankingInputs(context.features(), context.catalog(), source);
        RankerLearner learner = new RankerLearner(context.loop().name(), this, inputs, context.catalog(), context.served(), context.excluded());
        RankerScorer scorer = new RankerScorer(inputs, learner::model);
        // the ranker records a decision's inputs before the collaborative models absorb its events
        List<LogConsumer> learners = collab == null ? List.of(learner) : List.of(learner, collab);
        return new LoopModel(new ModelVersion(VERSION, scorer, sampler, seed), learners, List.of(learner::onOutcome), learner,
                collab, () -> learner.model().toBytes(), state -> {
                    if (SnapshotCollaborative.holds(state)) return SnapshotCollaborative.scorer(state, context, histories, collaborative);
                    RankerModel frozen = RankerModel.fromBytes(state);
                    return new RankerScorer(inputs, () -> frozen);
                });
    }
}
