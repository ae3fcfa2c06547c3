package dev.flywheel.model;

import dev.flywheel.config.ConfigException;
import dev.flywheel.config.ConfigTree;
import dev.flywheel.event.EventType;
import dev.flywheel.loop.RewardSpec;
import dev.flywheel.model.internal.ImplicitAls;
import dev.flywheel.model.internal.ItemSimilarity;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The collaborative models of a learned ranker ({@code collaborative:} of a loop): item-to-item
 * similarity from co-occurrence, as Microsoft's SAR, and implicit-feedback matrix factorisation (ALS),
 * trained in batch from the loop's interactions and read with each user's latest interactions folded
 * in online. Their scores are inputs of the ranker next to the content and feedback features.
 *
 * <p>Defaults were chosen on MovieLens latest-small with a per-user temporal split, held to be good on
 * a random split and on halves of the users too (docs/learning.md): similarity from items the user
 * liked (co-occurrence of the strongest reactions counts; weaker ones add noise), cosine, 100
 * neighbours; ALS with 32 factors, α = 3, λ = 30.
 *
 * @param weights          interaction weight per event type: how much a reaction says the user wants
 *                         the item (default: the reward's positive weights, and 1 for each type
 *                         paid by its value)
 * @param occurrence       an item co-occurs with a user's other items once the user's weight for it
 *                         reaches this (default: the largest weight: liked, purchased)
 * @param recent           per user, the latest interactions used for scoring and training
 * @param halfLife         interactions lose half their weight every half-life (null: they do not)
 * @param minInteractions  no model is trained on fewer interactions
 * @param growth           retrain once the interactions grew by this share since the last training
 * @param every            and at least this often (by the clock) while new interactions arrive
 */
public record CollaborativeSpec(boolean enabled, Map<String, Double> weights, double occurrence,
                                ItemSimilarity.Params similarity, ImplicitAls.Params factorisation, double alpha,
                                int recent, Duration halfLife, int minInteractions, double growth, Duration every) {
    private static final Set<String> KEYS = Set.of("enabled", "weights", "occurrence", "similarity", "neighbours",
            "min_cooccurrence", "factors", "alpha", "regularization", "iterations", "recent", "half_life", "retrain");

    public CollaborativeSpec {
        weights = Map.copyOf(weights);
    }

    public static CollaborativeSpec from(ConfigTree c, RewardSpec reward) {
        c.only(KEYS);
        Map<String, Double> weights = weights(c, reward);
        double strongest = weights.values().stream().mapToDouble(Double::doubleValue).max().orElse(1);
        ItemSimilarity.Params sim = new ItemSimilarity.Params(measure(c), c.integer("neighbours", 100, 1, 10_000),
                c.integer("min_cooccurrence", 1, 1, 1_000_000));
        ImplicitAls.Params als = new ImplicitAls.Params(c.integer("factors", 32, 1, 512),
                c.number("regularization", 30, 0, 1e6), c.integer("iterations", 10, 1, 100), 3, 20_261_201L);
        ConfigTree retrain = c.section("retrain");
        retrain.only(Set.of("min_interactions", "growth", "every"));
        Duration halfLife = c.keys().contains("half_life") ? positive(c, "half_life") : null;
        return new CollaborativeSpec(c.bool("enabled", true), weights, c.number("occurrence", strongest, 1e-9, 1e9), sim, als,
                c.number("alpha", 3, 1e-6, 1e6), c.integer("recent", 500, 1, 100_000), halfLife,
                retrain.integer("min_interactions", 50, 1, Integer.MAX_VALUE), retrain.number("growth", 0.25, 0.01, 100),
                retrain.duration("every", Duration.ofHours(1)));
    }

    private static Map<String, Double> weights(ConfigTree c, RewardSpec reward) {
        Map<String, Double> out = new LinkedHashMap<>();
        ConfigTree w = c.section("weights");
        if (w.keys().isEmpty()) {
            reward.weights().forEach((type, weight) -> {
                if (weight > 0) out.put(type, weight);
            });
            // a reaction paid by its value (a purchase) says the user wants the item as much as any
            reward.valueWeights().forEach((type, weight) -> {
                if (weight > 0) out.putIfAbsent(type, 1.0);
            });
        }
        for (String type : w.keys()) {
            if (!EventType.validName(type)) throw new ConfigException(w.keyOf(type), "is not an event type name");
            double v = w.number(type, 0, 0, 1e6);
            if (v > 0) out.put(type, v);
        }
        if (out.isEmpty()) throw new ConfigException(c.keyOf("weights"), "no event type with a positive weight: nothing says a user wants an item");
        return out;
    }

    private static ItemSimilarity.Measure measure(ConfigTree c) {
        String m = c.string("similarity", "cosine");
        try {
            return ItemSimilarity.Measure.valueOf(m.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new ConfigException(c.keyOf("similarity"), "must be cosine, jaccard, lift or cooccurrence, got " + m);
        }
    }

    private static Duration positive(ConfigTree c, String key) {
        Duration d = c.duration(key, null);
        if (d.isZero() || d.isNegative()) throw new ConfigException(c.keyOf(key), "must be positive");
        return d;
    }

    /** The factorisation's dimension ({@code factors}), for a trainer outside the engine. */
    public int factors() {
        return factorisation.factors();
    }

    /** The factorisation's λ ({@code regularization}), unweighted: every user's and item's vector is held as hard. */
    public double regularization() {
        return factorisation.regularization();
    }

    /** The factorisation's alternating passes ({@code iterations}). */
    public int iterations() {
        return factorisation.iterations();
    }

    /** The seed of the factorisation's initial vectors. */
    public long seed() {
        return factorisation.seed();
    }

    /** The interaction weight of an event of {@code type}; 0 when it says nothing. */
    public double weight(String type) {
        return weights.getOrDefault(type, 0.0);
    }
}
