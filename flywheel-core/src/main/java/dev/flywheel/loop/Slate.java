package dev.flywheel.loop;

import java.util.List;
import java.util.Map;

/**
 * A loop's answer before it is logged: the items in the order shown, each with the score and the
 * probability with which the policy put it there, and the model version and arm that decided.
 *
 * @param candidates everything the policy could have shown, for off-policy evaluation
 */
public record Slate(String model, String arm, List<Slot> slots, List<String> candidates) {
    public Slate {
        slots = List.copyOf(slots);
        candidates = List.copyOf(candidates);
        if (model == null || model.isBlank()) throw new IllegalArgumentException("model is required");
        if (arm == null || arm.isBlank()) throw new IllegalArgumentException("arm is required");
    }

    /**
     * @param propensity probability of this item in this slot given the slots before it
     * @param features   the feature values the score used (empty unless explaining)
     */
    public record Slot(String item, double score, double propensity, Map<String, Double> features) {
        public Slot {
            features = Map.copyOf(features);
            if (!(propensity > 0 && propensity <= 1)) throw new IllegalArgumentException("propensity must be in (0, 1]");
        }
    }
}
