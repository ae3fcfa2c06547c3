package dev.flywheel.rollout;

import dev.flywheel.model.LoopModel;
import dev.flywheel.model.ModelSpec;
import dev.flywheel.quality.Exclusions;

/**
 * What the lifecycle needs of one loop that Flywheel serves: its model family (to train and to
 * record parameters), its runtime model (to build versions from states), its policy (to publish
 * plans to), its rollout section, and what its monitors exclude from training snapshots.
 */
public record ServedLoop(String loop, ModelSpec spec, LoopModel model, RolloutPolicy policy, RolloutSpec rollout,
                         Exclusions excluded) {
    public ServedLoop(String loop, ModelSpec spec, LoopModel model, RolloutPolicy policy, RolloutSpec rollout) {
        this(loop, spec, model, policy, rollout, Exclusions.NONE);
    }

    public ServedLoop {
        excluded = excluded == null ? Exclusions.NONE : excluded;
        if (loop == null || spec == null || model == null || policy == null || rollout == null) {
            throw new IllegalArgumentException("loop, spec, model, policy and rollout are required");
        }
    }
}
