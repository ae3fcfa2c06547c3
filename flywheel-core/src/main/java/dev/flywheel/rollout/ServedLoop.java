package dev.flywheel.rollout;

import dev.flywheel.model.LoopModel;
import java.util.Map;

/**
 * What the lifecycle needs of one loop that Flywheel serves: its model (to build versions from
 * states), its policy (to publish plans to), its rollout section and its family's parameters (the
 * registry records them with each version).
 */
public record ServedLoop(String loop, String family, Map<String, String> params, LoopModel model, RolloutPolicy policy,
                         RolloutSpec spec) {
    public ServedLoop {
        if (loop == null || family == null || model == null || policy == null || spec == null) {
            throw new IllegalArgumentException("loop, family, model, policy and spec are required");
        }
        params = Map.copyOf(params);
    }
}
