package dev.flywheel.loop;

import dev.flywheel.config.ConfigException;
import dev.flywheel.config.ConfigTree;
import dev.flywheel.model.ModelSpec;
import dev.flywheel.quality.QualitySpec;
import dev.flywheel.rollout.RolloutSpec;
import java.util.Set;

/**
 * One loop of the configuration, fully typed and validated at start-up: its name, how many items a
 * decision shows by default, its reward, its candidates, its model family's specification, its rollout
 * and how its feedback is watched.
 */
public record LoopSpec(String name, int k, RewardSpec reward, CandidateRules candidates, ModelSpec model,
                       RolloutSpec rollout, QualitySpec quality) {
    /** The keys a loop section may hold; the model family says which of the optional ones it reads. */
    public static final Set<String> KEYS = Set.of("name", "model", "k", "candidates", "reward", "window",
            "exploration", "learner", "collaborative", "seed", "rollout", "quality");

    public LoopSpec {
        if (name == null || !name.matches("[a-z0-9][a-z0-9_-]{0,63}")) {
            throw new IllegalArgumentException("name must be lower-case letters, digits, - and _");
        }
        if (k < 1 || k > DecideRequest.MAX_K) throw new IllegalArgumentException("k must be from 1 to " + DecideRequest.MAX_K);
        if (reward == null || candidates == null || model == null || rollout == null || quality == null) {
            throw new IllegalArgumentException("reward, candidates, model, rollout and quality are required");
        }
    }

    /** Reads and validates a loop section; every error names its key. */
    public static LoopSpec from(ConfigTree t) {
        t.only(KEYS);
        String name = t.string("name", null);
        if (name == null || !name.matches("[a-z0-9][a-z0-9_-]{0,63}")) {
            throw new ConfigException(t.keyOf("name"), "is required: lower-case letters, digits, - and _");
        }
        RewardSpec reward = RewardSpec.from(t);
        return new LoopSpec(name, t.integer("k", 10, 1, DecideRequest.MAX_K), reward,
                CandidateRules.from(t.section("candidates")), ModelSpec.from(t, reward),
                RolloutSpec.from(t.section("rollout"), name), QualitySpec.from(t.section("quality"), reward.weights()));
    }
}
