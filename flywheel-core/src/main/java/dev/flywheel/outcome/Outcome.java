package dev.flywheel.outcome;

import java.time.Instant;
import java.util.List;

/**
 * One served item joined with the feedback inside its attribution window: a training and evaluation
 * row. An item shown without a logged decision (an impression event that names none: a product's
 * history, or a product that logs only what it showed) is an <em>exposure</em>: its outcome has no
 * propensity, no score and the model and arm {@value #UNLOGGED}, so off-policy evaluation leaves it
 * out while learners still learn from it.
 *
 * @param decision   the decision's id; for an exposure, {@code <impression event id>@<loop>}
 * @param propensity the probability the serving policy showed the item there; null for an exposure
 * @param candidates how many candidates the decision chose from (0 when unknown)
 * @param score     the serving model's score, or null when the product sent none
 * @param reactions the event types seen for this item in the window, in event-time order
 * @param ignored   no reaction in the window carried a non-zero reward (implicit ignore)
 * @param lateCount reactions for this item that fell after the window but arrived while the decision
 *                  was still open; later ones are reported by {@link OutcomeJoin#unjoined()} only
 */
public record Outcome(String decision, String loop, String user, String item, int position,
                      Double propensity, Double score, String model, String arm, Instant decidedAt, int candidates,
                      List<String> reactions, double reward, boolean ignored, int lateCount) {
    /** The model and arm of an exposure: shown, but not by a logged decision. */
    public static final String UNLOGGED = "unlogged";

    public Outcome {
        require(decision, "decision");
        require(loop, "loop");
        require(user, "user");
        require(item, "item");
        require(model, "model");
        require(arm, "arm");
        if (position < 1) throw new IllegalArgumentException("position must be at least 1");
        if (propensity != null && !(propensity > 0 && propensity <= 1)) throw new IllegalArgumentException("propensity must be in (0, 1]");
        if (candidates < 0) throw new IllegalArgumentException("candidates must not be negative");
        if (decidedAt == null) throw new IllegalArgumentException("decidedAt is required");
        if (reactions == null) throw new IllegalArgumentException("reactions is required");
        reactions = List.copyOf(reactions);
        if (!Double.isFinite(reward)) throw new IllegalArgumentException("reward must be finite");
        if (lateCount < 0) throw new IllegalArgumentException("lateCount must not be negative");
    }

    /** The decision id of the exposure that an impression without a decision opens in {@code loop}. */
    public static String exposureId(String impressionId, String loop) {
        return impressionId + "@" + loop;
    }

    /** Whether a logged decision served this item (with a propensity), as opposed to an exposure. */
    public boolean logged() {
        return propensity != null;
    }

    private static void require(String v, String name) {
        if (v == null || v.isBlank()) throw new IllegalArgumentException(name + " is required");
    }
}
