package dev.flywheel.model;

import dev.flywheel.config.ConfigException;
import dev.flywheel.config.ConfigTree;
import dev.flywheel.feature.FeatureSettings;
import dev.flywheel.loop.RewardSpec;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * A loop's model family and its parameters, validated with the rest of the configuration. Each
 * family is its own record and builds its own runtime parts ({@link #build}), so adding a family is
 * one record, not a branch in the engine.
 */
public sealed interface ModelSpec permits ContentBanditSpec, UniformSpec, ExternalSpec {
    /** The family's name in {@code model:}. */
    String family();

    /** The scorers, learners and operators of one loop with this model. */
    LoopModel build(ModelContext context);

    /** How the loop's feedback features forget and smooth; families that do not learn take the defaults. */
    default FeatureSettings features() {
        return FeatureSettings.DEFAULTS;
    }

    /** The family's parameters as the registry records them with each version, by config key. */
    default java.util.Map<String, String> params() {
        return java.util.Map.of();
    }

    /** The names of the feature values a training snapshot keeps for this family (empty: none). */
    default List<String> featureNames() {
        return List.of();
    }

    /**
     * A model state trained from a snapshot's rows in their order; the same rows give the same bytes.
     * Families that do not learn refuse.
     */
    default Training train(List<TrainingRow> rows) {
        throw new UnsupportedOperationException("model " + family() + " is not trained from snapshots");
    }

    /**
     * A frozen state trained from a snapshot's rows that carries its own collaborative models, whose
     * factorisation is {@code factors} (trained on the same snapshot, here or on Spark): the ranker as
     * {@link #train(List)} trains it, the item similarity and the factors' ids in the numbering the
     * snapshot's interactions give. Families without collaborative models refuse.
     */
    default Training train(List<TrainingRow> rows, TrainedFactors factors) {
        throw new UnsupportedOperationException("model " + family() + " has no collaborative models to train");
    }

    /**
     * A trained state and its offline metrics.
     *
     * @param metrics progressive-validation metrics (each row scored before it was learned from)
     */
    record Training(byte[] state, java.util.Map<String, Double> metrics) { }

    /** The families {@code model:} accepts. */
    List<String> FAMILIES = List.of(ContentBanditSpec.FAMILY, UniformSpec.FAMILY, ExternalSpec.FAMILY);

    /** Reads {@code model} and the sections its family uses; a section the family does not use is refused. */
    static ModelSpec from(ConfigTree loop, RewardSpec reward) {
        String family = loop.string("model", ContentBanditSpec.FAMILY);
        return switch (family) {
            case ContentBanditSpec.FAMILY -> ContentBanditSpec.from(loop, reward);
            case UniformSpec.FAMILY -> UniformSpec.from(loop);
            case ExternalSpec.FAMILY -> ExternalSpec.from(loop);
            default -> throw new ConfigException(loop.keyOf("model"), "must be one of " + new TreeSet<>(FAMILIES) + ", got " + family);
        };
    }

    /** Refuses the loop sections of {@code unused} that are present: they would be silently ignored. */
    static void refuseUnused(ConfigTree loop, String family, Set<String> unused) {
        for (String key : loop.keys()) {
            if (unused.contains(key)) throw new ConfigException(loop.keyOf(key), "is not used by model " + family);
        }
    }
}
