package dev.flywheel.loop;

import dev.flywheel.decision.ServedItem;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * An ordered slate: the items in the order shown, each with the score that ranked it and the
 * probability with which the sampler put it in its slot. Each slot's {@code propensity} is
 * P(this item in this slot | the items placed in the slots before it): exactly what was used to draw
 * it, so off-policy evaluation can divide by it.
 */
public record Slate(List<Slot> slots) {
    /**
     * @param features the ranking features the score used (empty unless explaining)
     * @param reasons  what the score came from, in words ("liked X"), strongest first (empty unless
     *                 explaining)
     */
    public record Slot(String item, double score, double propensity, Map<String, Double> features, List<String> reasons) {
        public Slot {
            if (item == null || item.isBlank()) throw new IllegalArgumentException("item is required");
            if (!Double.isFinite(score)) throw new IllegalArgumentException("score must be finite");
            if (!(propensity > 0 && propensity <= 1)) throw new IllegalArgumentException("propensity must be in (0, 1]");
            features = Map.copyOf(features);
            reasons = List.copyOf(reasons);
        }

        public Slot(String item, double score, double propensity) {
            this(item, score, propensity, Map.of(), List.of());
        }
    }

    public Slate {
        if (slots == null || slots.isEmpty()) throw new IllegalArgumentException("slots must not be empty");
        slots = List.copyOf(slots);
    }

    /** P(this whole ordered slate): the product of the per-slot conditional propensities. */
    public double jointPropensity() {
        double p = 1;
        for (Slot s : slots) p *= s.propensity();
        return p;
    }

    /** The items in the order shown. */
    public List<String> items() {
        List<String> out = new ArrayList<>(slots.size());
        for (Slot s : slots) out.add(s.item());
        return out;
    }

    /** The slots as a decision's served items, positions 1..k, per-slot propensities. */
    public List<ServedItem> servedItems() {
        List<ServedItem> out = new ArrayList<>(slots.size());
        for (int i = 0; i < slots.size(); i++) {
            Slot s = slots.get(i);
            out.add(new ServedItem(s.item(), i + 1, s.score(), s.propensity()));
        }
        return out;
    }
}
