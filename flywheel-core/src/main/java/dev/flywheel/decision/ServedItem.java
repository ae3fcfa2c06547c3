package dev.flywheel.decision;

/**
 * One item a decision showed.
 *
 * @param position   1-based slot in the order shown
 * @param score      the serving model's score, or null when the product did not send one
 * @param propensity the probability that the serving policy showed this item in this slot; off-policy
 *                   evaluation divides by it, so it must be in (0, 1]
 */
public record ServedItem(String item, int position, Double score, double propensity) {
    public ServedItem {
        if (item == null || item.isBlank()) throw new IllegalArgumentException("item is required");
        if (position < 1) throw new IllegalArgumentException("position must be at least 1");
        if (score != null && !Double.isFinite(score)) throw new IllegalArgumentException("score must be finite");
        if (!(propensity > 0 && propensity <= 1)) {
            throw new IllegalArgumentException("propensity must be in (0, 1]");
        }
    }
}
