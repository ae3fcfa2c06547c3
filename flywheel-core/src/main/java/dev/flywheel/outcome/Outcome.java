package dev.flywheel.outcome;

import java.time.Instant;
import java.util.List;

/**
 * One served item joined with the feedback inside its attribution window: a training and evaluation
 * row.
 *
 * @param score     the serving model's score, or null when the product sent none
 * @param reactions the event types seen for this item in the window, in event-time order
 * @param ignored   no reaction in the window carried a non-zero reward (implicit ignore)
 * @param lateCount reactions for this item that fell after the window but arrived while the decision
 *                  was still open; later ones are reported by {@link OutcomeJoin#unjoined()} only
 */
public record Outcome(String decision, String loop, String user, String item, int position,
                      double propensity, Double score, String model, String arm, Instant decidedAt,
                      List<String> reactions, double reward, boolean ignored, int lateCount) {
    public Outcome {
        require(decision, "decision");
        require(loop, "loop");
        require(user, "user");
        require(item, "item");
        require(model, "model");
        require(arm, "arm");
        if (position < 1) throw new IllegalArgumentException("position must be at least 1");
        if (!(propensity > 0 && propensity <= 1)) throw new IllegalArgumentException("propensity must be in (0, 1]");
        if (decidedAt == null) throw new IllegalArgumentException("decidedAt is required");
        if (reactions == null) throw new IllegalArgumentException("reactions is required");
        reactions = List.copyOf(reactions);
        if (!Double.isFinite(reward)) throw new IllegalArgumentException("reward must be finite");
        if (lateCount < 0) throw new IllegalArgumentException("lateCount must not be negative");
    }

    private static void require(String v, String name) {
        if (v == null || v.isBlank()) throw new IllegalArgumentException(name + " is required");
    }
}
