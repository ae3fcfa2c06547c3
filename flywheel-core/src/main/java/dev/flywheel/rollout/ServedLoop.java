package dev.flywheel.rollout;

import dev.flywheel.model.LoopModel;
import dev.flywheel.model.ModelSpec;

/**
 * What the lifecycle needs of one loop that Flywheel serves: its model family (to train and to
 * record parameters), its runtime model (to build versions from states), its policy (to publish
 * plans to) and its rollout section.
 */
public record ServedLoop(String loop, ModelSpec spec, LoopModel model, RolloutPolicy policy, RolloutSpec rollout) {
    public ServedLoop {
        if (loop == null || spec == null || model == null || policy == null || rollout == null) {
            throw new IllegalArgumentException("loop, spec, model, policy and rollout are required");
        }
    }
}
